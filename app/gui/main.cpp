// SPDX-License-Identifier: MIT
// Entry point of the desktop application: `tapedeck [archive | s3://bucket/key]`.
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tapedeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tapedeck"));
    QApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
    QApplication::setOrganizationName(QStringLiteral("tapedeck"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.tapedeck.Tapedeck"));

    // Qt's own strings (standard buttons, file dialog) first, then ours; both follow the system locale.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("tapedeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Inspects recorded DataHub ingestion runs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("archive"),
        QCoreApplication::translate("main",
            "The recording to open: an archive, an extracted recording folder or s3://bucket/key (downloaded "
            "first)."),
        QStringLiteral("[archive]"));
    // For s3:// addresses, as tapedeck-cli and the AWS CLI take them; credentials are never options.
    const QCommandLineOption profile(QStringLiteral("profile"),
        QCoreApplication::translate("main", "The AWS profile to reach S3 with (wins over AWS_PROFILE)."),
        QStringLiteral("name"));
    const QCommandLineOption region(
        QStringLiteral("region"), QCoreApplication::translate("main", "The S3 region."), QStringLiteral("region"));
    const QCommandLineOption endpoint(QStringLiteral("endpoint-url"),
        QCoreApplication::translate("main", "An S3-compatible endpoint (MinIO, Ceph, LocalStack…)."),
        QStringLiteral("url"));
    parser.addOptions({ profile, region, endpoint });
    parser.process(app);
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 1) {
        std::fprintf(stderr, "%s\n",
            qPrintable(QCoreApplication::translate("main", "tapedeck opens one recording at a time.")));
        return 2;
    }

    tapedeck::MainWindow window;
    tapedeck::S3Options s3;
    s3.profile = parser.value(profile);
    s3.region = parser.value(region);
    s3.endpointUrl = parser.value(endpoint);
    window.setS3Options(s3);
    window.show();
    if (!arguments.isEmpty())
        window.openRecording(arguments.first());
    return QApplication::exec();
}
