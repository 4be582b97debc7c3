// SPDX-License-Identifier: MIT
// tapedeck-cli ca: the replay CA's certificate (made on first use), its fingerprint or its path — never its
// key.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "core/replay/certificateauthority.h"

#include <QSaveFile>

namespace tapedeck {

int runCa(const Cli &cli, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Cli::tr(
        "Print the certificate of Tapedeck's replay CA (PEM), creating the CA on first use in "
        "$XDG_DATA_HOME/tapedeck/ca. Clients of a replay trust it (REQUESTS_CA_BUNDLE, SSL_CERT_FILE, "
        "NODE_EXTRA_CA_CERTS); its private key never leaves that folder."));
    parser.addPositionalArgument(
        QString(), QString(), QStringLiteral("ca [--output FILE|--fingerprint|--path]"));
    const QCommandLineOption output({ QStringLiteral("o"), QStringLiteral("output") },
        Cli::tr("Write the certificate to <file> instead of standard output."), Cli::tr("file"));
    const QCommandLineOption fingerprint(
        QStringLiteral("fingerprint"), Cli::tr("Print the certificate's SHA-256 fingerprint."));
    const QCommandLineOption path(QStringLiteral("path"), Cli::tr("Print the certificate file's path."));
    parser.addOptions({ output, fingerprint, path });
    if (const std::optional<int> stop = cli.parse(parser, arguments))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return cli.usage(Cli::tr("ca takes no arguments"));
    if (int(parser.isSet(output)) + int(parser.isSet(fingerprint)) + int(parser.isSet(path)) > 1)
        return cli.usage(Cli::tr("--output, --fingerprint and --path exclude each other"));

    const Result<replay::CertificateAuthority> ca = replay::CertificateAuthority::openOrCreate();
    if (!ca)
        return cli.fail(ca.error());
    if (ca->created())
        cli.err(Cli::tr("created the replay CA in %1\n").arg(ca->directory()));

    if (parser.isSet(fingerprint)) {
        cli.out(ca->fingerprintSha256() + QLatin1Char('\n'));
    } else if (parser.isSet(path)) {
        cli.out(ca->certificatePath() + QLatin1Char('\n'));
    } else if (parser.isSet(output)) {
        const QString target = parser.value(output);
        QSaveFile file(target);
        const QByteArray pem = ca->certificatePem();
        if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit())
            return cli.fail(makeError(
                ErrorCode::Io, Cli::tr("%1 could not be written: %2").arg(target, file.errorString())));
        cli.err(Cli::tr("the replay CA's certificate was written to %1\n").arg(target));
    } else {
        cli.out(QByteArrayView(ca->certificatePem()));
    }
    return 0;
}

} // namespace tapedeck
