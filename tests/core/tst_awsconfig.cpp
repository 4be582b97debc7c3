// SPDX-License-Identifier: MIT
// Tests AwsConfig: credentials, region, endpoint and addressing resolved as the AWS CLI v2 resolves them,
// from a temporary HOME and AWS_* variables only (the real ~/.aws is never read), with credential_process
// scripts, malformed files, and /usr/bin/aws itself (`aws configure list`) on the same files.
#include "core/storage/awsconfig.h"
#include "core/storage/inifile.h"
#include "core/storage/s3location.h"
#include "core/storage/sigv4.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

// Secrets every row uses: no message may ever contain one.
const QStringList Secrets = { QStringLiteral("SECRETenv"), QStringLiteral("SECRETcred"),
    QStringLiteral("SECRETconf"), QStringLiteral("SECRETproc"), QStringLiteral("TOKENsecret") };

const QString AwsCli = QStringLiteral("/usr/bin/aws");

struct Setup
{
    QString config; // ~/.aws/config; "@DIR@" becomes the temporary directory
    QString credentials; // ~/.aws/credentials
    QStringList environment; // "NAME=value"
    QStringList scripts; // name, body, name, body…: executable files in the temporary directory
    S3Options options;
};

class Sandbox
{
public:
    explicit Sandbox(const Setup &setup)
    {
        QDir(m_dir.path()).mkpath(QStringLiteral(".aws"));
        // "@LATIN1@" first: the rest written as Latin-1 (bytes that are not UTF-8).
        if (setup.config.startsWith(QLatin1String("@LATIN1@")))
            test::writeFile(path(QStringLiteral(".aws/config")), setup.config.mid(8).toLatin1());
        else if (!setup.config.isNull())
            test::writeFile(path(QStringLiteral(".aws/config")), fill(setup.config).toUtf8());
        if (!setup.credentials.isNull())
            test::writeFile(path(QStringLiteral(".aws/credentials")), fill(setup.credentials).toUtf8());
        for (qsizetype i = 0; i + 1 < setup.scripts.size(); i += 2) {
            const QString script = path(setup.scripts.at(i));
            test::writeFile(script, fill(setup.scripts.at(i + 1)).toUtf8());
            QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        m_environment.insert(QStringLiteral("HOME"), m_dir.path());
        m_environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        for (const QString &pair : setup.environment)
            m_environment.insert(pair.section(u'=', 0, 0), fill(pair.section(u'=', 1)));
        m_options = setup.options;
        m_options.endpointUrl = fill(m_options.endpointUrl);
    }

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString fill(const QString &text) const
    {
        QString out = text;
        return out.replace(QLatin1String("@DIR@"), m_dir.path());
    }
    const QProcessEnvironment &environment() const { return m_environment; }
    Result<S3Config> resolve() const { return AwsConfig::resolve(m_options, m_environment); }
    const S3Options &options() const { return m_options; }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    S3Options m_options;
};

QString script(const QString &json)
{
    return QStringLiteral("#!/bin/sh\nprintf '%s\\n' '") + json + QStringLiteral("'\n");
}

const QString CredDefault = QStringLiteral("[default]\naws_access_key_id = AKIDCREDDEFAULT\n"
                                           "aws_secret_access_key = SECRETcred\n");
const QString ConfDefault = QStringLiteral("[default]\naws_access_key_id = AKIDCONFDEFAULT\n"
                                           "aws_secret_access_key = SECRETconf\nregion = eu-west-1\n");
const QStringList EnvKeys = { QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENVIRONMENT"),
    QStringLiteral("AWS_SECRET_ACCESS_KEY=SECRETenv") };

S3Options flags(const QString &profile, const QString &region = {}, const QString &endpoint = {})
{
    S3Options o;
    o.profile = profile;
    o.region = region;
    o.endpointUrl = endpoint;
    return o;
}

void checkNoSecret(const QString &text)
{
    for (const QString &secret : Secrets)
        QVERIFY2(!text.contains(secret), qPrintable(text));
}

} // namespace

Q_DECLARE_METATYPE(Setup)

class TestAwsConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { AwsConfig::setCredentialProcessTimeout(2000); }

    void resolves_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<QString>("accessKey");
        QTest::addColumn<QString>("sessionToken");
        QTest::addColumn<QString>("origin"); // a part of it; "@DIR@" is the temporary directory
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<bool>("custom");
        QTest::addColumn<int>("addressing");
        QTest::addColumn<QString>("profile");
        const QString awsUsEast = QStringLiteral("https://s3.us-east-1.amazonaws.com");
        const QString awsEuWest = QStringLiteral("https://s3.eu-west-1.amazonaws.com");
        const int automatic = int(AddressingStyle::Auto);

        // Credentials.
        QTest::addRow("environment only") << Setup { {}, {}, EnvKeys, {}, {} } << "AKIDENVIRONMENT"
                                          << ""
                                          << "the environment"
                                          << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("environment with AWS_SESSION_TOKEN")
            << Setup { {}, {}, EnvKeys + QStringList { QStringLiteral("AWS_SESSION_TOKEN=TOKENsecret") }, {},
                   {} }
            << "AKIDENVIRONMENT"
            << "TOKENsecret"
            << "the environment"
            << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN") << Setup { {}, {},
            EnvKeys
                + QStringList { QStringLiteral("AWS_SESSION_TOKEN=other"),
                    QStringLiteral("AWS_SECURITY_TOKEN=TOKENsecret") },
            {}, {} } << "AKIDENVIRONMENT"
                                                                     << "TOKENsecret"
                                                                     << "the environment"
                                                                     << "us-east-1" << awsUsEast << false
                                                                     << automatic << "default";
        QTest::addRow("environment over the files")
            << Setup { ConfDefault, CredDefault, EnvKeys, {}, {} } << "AKIDENVIRONMENT"
            << ""
            << "the environment"
            << "eu-west-1" << awsEuWest << false << automatic << "default";
        QTest::addRow("credentials file") << Setup { {}, CredDefault, {}, {}, {} } << "AKIDCREDDEFAULT"
                                          << ""
                                          << "profile \"default\" in @DIR@/.aws/credentials"
                                          << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("config file") << Setup { ConfDefault, {}, {}, {}, {} } << "AKIDCONFDEFAULT"
                                     << ""
                                     << "profile \"default\" in @DIR@/.aws/config"
                                     << "eu-west-1" << awsEuWest << false << automatic << "default";
        QTest::addRow("credentials file over config file")
            << Setup { ConfDefault, CredDefault, {}, {}, {} } << "AKIDCREDDEFAULT"
            << ""
            << "/.aws/credentials"
            << "eu-west-1" << awsEuWest << false << automatic << "default";
        const QString twoProfiles
            = QStringLiteral("[default]\naws_access_key_id = AKIDCREDDEFAULT\n"
                             "aws_secret_access_key = SECRETcred\n"
                             "[dev]\naws_access_key_id = AKIDCREDDEV\naws_secret_access_key = "
                             "SECRETcred\naws_session_token = TOKENsecret\n");
        QTest::addRow("AWS_PROFILE") << Setup { {}, twoProfiles, { QStringLiteral("AWS_PROFILE=dev") }, {},
            {} } << "AKIDCREDDEV"
                                     << "TOKENsecret"
                                     << "profile \"dev\""
                                     << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("AWS_DEFAULT_PROFILE")
            << Setup { {}, twoProfiles, { QStringLiteral("AWS_DEFAULT_PROFILE=dev") }, {}, {} }
            << "AKIDCREDDEV"
            << "TOKENsecret"
            << "profile \"dev\""
            << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("environment keys over AWS_PROFILE")
            << Setup { {}, twoProfiles, EnvKeys + QStringList { QStringLiteral("AWS_PROFILE=dev") }, {}, {} }
            << "AKIDENVIRONMENT"
            << ""
            << "the environment"
            << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("--profile over environment keys")
            << Setup { {}, twoProfiles, EnvKeys, {}, flags(QStringLiteral("dev")) } << "AKIDCREDDEV"
            << "TOKENsecret"
            << "profile \"dev\""
            << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("--profile over AWS_PROFILE")
            << Setup { {}, twoProfiles, { QStringLiteral("AWS_PROFILE=nope") }, {},
                   flags(QStringLiteral("dev")) }
            << "AKIDCREDDEV"
            << "TOKENsecret"
            << "profile \"dev\""
            << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("--profile default")
            << Setup { {}, twoProfiles, EnvKeys, {}, flags(QStringLiteral("default")) } << "AKIDCREDDEFAULT"
            << ""
            << "profile \"default\""
            << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("[profile dev] in the config file")
            << Setup { QStringLiteral(
                           "[profile dev]\naws_access_key_id = AKIDCONFDEV\naws_secret_access_key = "
                           "SECRETconf\nregion = ap-south-1\n"),
                   {}, { QStringLiteral("AWS_PROFILE=dev") }, {}, {} }
            << "AKIDCONFDEV"
            << ""
            << "/.aws/config"
            << "ap-south-1"
            << "https://s3.ap-south-1.amazonaws.com" << false << automatic << "dev";
        QTest::addRow("[profile default] is the default profile")
            << Setup { QStringLiteral("[profile default]\naws_access_key_id = AKIDCONFDEFAULT\n"
                                      "aws_secret_access_key = SECRETconf\n"),
                   {}, {}, {}, {} }
            << "AKIDCONFDEFAULT"
            << ""
            << "/.aws/config"
            << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("quoted profile name")
            << Setup { QStringLiteral("[profile \"my dev\"]\naws_access_key_id = AKIDCONFDEV\n"
                                      "aws_secret_access_key = SECRETconf\n"),
                   {}, {}, {}, flags(QStringLiteral("my dev")) }
            << "AKIDCONFDEV"
            << ""
            << "/.aws/config"
            << "us-east-1" << awsUsEast << false << automatic << "my dev";
        QTest::addRow("[dev] in the config file is not a profile")
            << Setup { QStringLiteral("[dev]\nregion = eu-west-1\n"), twoProfiles,
                   { QStringLiteral("AWS_PROFILE=dev") }, {}, {} }
            << "AKIDCREDDEV"
            << "TOKENsecret"
            << "credentials"
            << "us-east-1" << awsUsEast << false << automatic << "dev";
        QTest::addRow("files named by the environment, with ~ and $VAR")
            << Setup { {}, {},
                   { QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=~/elsewhere/creds"),
                       QStringLiteral("AWS_CONFIG_FILE=$CONFDIR/conf"),
                       QStringLiteral("CONFDIR=@DIR@/elsewhere") },
                   { QStringLiteral("elsewhere/creds"), CredDefault, QStringLiteral("elsewhere/conf"),
                       QStringLiteral("[default]\nregion = sa-east-1\n") },
                   {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "@DIR@/elsewhere/creds"
            << "sa-east-1"
            << "https://s3.sa-east-1.amazonaws.com" << false << automatic << "default";

        // credential_process.
        const QString processConfig
            = QStringLiteral("[default]\ncredential_process = \"@DIR@/proc.sh\" 'an arg' x\\ y\n"
                             "aws_access_key_id = AKIDCONFDEFAULT\n"
                             "aws_secret_access_key = SECRETconf\n");
        const QStringList processScript = { QStringLiteral("proc.sh"),
            QStringLiteral(
                "#!/bin/sh\n[ \"$1\" = 'an arg' ] && [ \"$2\" = 'x y' ] || exit 7\n"
                "printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": "
                "\"SECRETproc\", \"SessionToken\": \"TOKENsecret\", \"Expiration\": "
                "\"2099-01-01T00:00:00Z\"}'\n") };
        QTest::addRow("credential_process over config keys")
            << Setup { processConfig, {}, {}, processScript, {} } << "AKIDPROCESS"
            << "TOKENsecret"
            << "credential_process of profile \"default\""
            << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("credentials file keys over credential_process")
            << Setup { processConfig, CredDefault, {}, processScript, {} } << "AKIDCREDDEFAULT"
            << ""
            << "/.aws/credentials"
            << "us-east-1" << awsUsEast << false << automatic << "default";
        QTest::addRow("credential_process in the credentials file")
            << Setup { {}, QStringLiteral("[default]\ncredential_process = @DIR@/proc.sh 'an arg' \"x y\"\n"),
                   {}, processScript, {} }
            << "AKIDPROCESS"
            << "TOKENsecret"
            << "credential_process"
            << "us-east-1" << awsUsEast << false << automatic << "default";

        // Region.
        QTest::addRow("--region over everything")
            << Setup { ConfDefault, CredDefault,
                   { QStringLiteral("AWS_REGION=eu-west-2"), QStringLiteral("AWS_DEFAULT_REGION=eu-west-3") },
                   {}, flags({}, QStringLiteral("ca-central-1")) }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "ca-central-1"
            << "https://s3.ca-central-1.amazonaws.com" << false << automatic << "default";
        QTest::addRow("AWS_REGION over AWS_DEFAULT_REGION") << Setup { ConfDefault, CredDefault,
            { QStringLiteral("AWS_REGION=eu-west-2"), QStringLiteral("AWS_DEFAULT_REGION=eu-west-3") }, {},
            {} } << "AKIDCREDDEFAULT"
                                                            << ""
                                                            << "credentials"
                                                            << "eu-west-2"
                                                            << "https://s3.eu-west-2.amazonaws.com" << false
                                                            << automatic << "default";
        QTest::addRow("AWS_DEFAULT_REGION over the profile")
            << Setup { ConfDefault, CredDefault, { QStringLiteral("AWS_DEFAULT_REGION=eu-west-3") }, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "eu-west-3"
            << "https://s3.eu-west-3.amazonaws.com" << false << automatic << "default";
        QTest::addRow("region in the credentials file over the config file")
            << Setup { ConfDefault, CredDefault + QStringLiteral("region = eu-north-1\n"), {}, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "eu-north-1"
            << "https://s3.eu-north-1.amazonaws.com" << false << automatic << "default";

        // Endpoint and addressing.
        const QString endpoints
            = QStringLiteral("[default]\nendpoint_url = http://profile.example:1\nservices = local\n"
                             "[services local]\ns3 =\n  endpoint_url = http://services.example:2\n");
        QTest::addRow("--endpoint-url over everything")
            << Setup { endpoints, CredDefault,
                   { QStringLiteral("AWS_ENDPOINT_URL_S3=http://s3env.example:3"),
                       QStringLiteral("AWS_ENDPOINT_URL=http://env.example:4") },
                   {}, flags({}, {}, QStringLiteral("http://127.0.0.1:4568")) }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "us-east-1"
            << "http://127.0.0.1:4568" << true << automatic << "default";
        QTest::addRow("AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL") << Setup { endpoints, CredDefault,
            { QStringLiteral("AWS_ENDPOINT_URL_S3=http://s3env.example:3"),
                QStringLiteral("AWS_ENDPOINT_URL=http://env.example:4") },
            {}, {} } << "AKIDCREDDEFAULT"
                                                                   << ""
                                                                   << "credentials"
                                                                   << "us-east-1"
                                                                   << "http://s3env.example:3" << true
                                                                   << automatic << "default";
        QTest::addRow("AWS_ENDPOINT_URL over the profile")
            << Setup { endpoints, CredDefault, { QStringLiteral("AWS_ENDPOINT_URL=http://env.example:4") },
                   {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "us-east-1"
            << "http://env.example:4" << true << automatic << "default";
        QTest::addRow("[services] s3 endpoint_url over the profile's")
            << Setup { endpoints, CredDefault, {}, {}, {} } << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "us-east-1"
            << "http://services.example:2" << true << automatic << "default";
        QTest::addRow("profile endpoint_url")
            << Setup { QStringLiteral("[default]\nendpoint_url = https://minio.example/base/\n"), CredDefault,
                   {}, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "us-east-1"
            << "https://minio.example/base/" << true << automatic << "default";
        QTest::addRow("configured endpoints ignored") << Setup { endpoints, CredDefault,
            { QStringLiteral("AWS_ENDPOINT_URL=http://env.example:4"),
                QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true") },
            {}, {} } << "AKIDCREDDEFAULT"
                                                      << ""
                                                      << "credentials"
                                                      << "us-east-1" << awsUsEast << false << automatic
                                                      << "default";
        QTest::addRow("nested s3 block: addressing_style")
            << Setup { QStringLiteral("[default]\nregion = eu-west-1\ns3 =\n    addressing_style = path\n"
                                      "    signature_version = s3v4\nregion_after = x\n"),
                   CredDefault, {}, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "eu-west-1" << awsEuWest << false << int(AddressingStyle::Path) << "default";
        // The AWS CLI reads endpoint_url from a profile's top level and its [services] section, never from
        // the "s3 =" block (2.9 reads no configured endpoint at all).
        QTest::addRow("nested s3 endpoint_url is not an endpoint")
            << Setup { QStringLiteral("[default]\ns3 =\n  endpoint_url = http://nested.example\n  "
                                      "addressing_style = virtual\n"),
                   CredDefault, {}, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "us-east-1" << awsUsEast << false << int(AddressingStyle::Virtual) << "default";

        // The file format: comments, odd whitespace, ':' as delimiter, CRLF, a byte order mark, [DEFAULT].
        QTest::addRow("comments and odd whitespace")
            << Setup { QStringLiteral(
                           "\uFEFF# a comment\r\n; another\r\n\r\n[default]   \r\n"
                           "  region\t:  eu-central-1   \r\n"
                           "s3=\r\n\r\n   # a comment inside the block\r\n\taddressing_style=virtual\r\n"
                           "output = json ; not a comment\r\n"),
                   QStringLiteral("[default]\n\t aws_access_key_id=AKIDCREDDEFAULT\n"
                                  "AWS_SECRET_ACCESS_KEY = SECRETcred\n"),
                   {}, {}, {} }
            << "AKIDCREDDEFAULT"
            << ""
            << "credentials"
            << "eu-central-1"
            << "https://s3.eu-central-1.amazonaws.com" << false << int(AddressingStyle::Virtual) << "default";
        QTest::addRow("[DEFAULT] applies to every section")
            << Setup { QStringLiteral("[DEFAULT]\nregion = us-west-2\n[profile dev]\noutput = json\n"),
                   twoProfiles, { QStringLiteral("AWS_PROFILE=dev") }, {}, {} }
            << "AKIDCREDDEV"
            << "TOKENsecret"
            << "credentials"
            << "us-west-2"
            << "https://s3.us-west-2.amazonaws.com" << false << automatic << "dev";
    }

    void resolves()
    {
        QFETCH(Setup, setup);
        QFETCH(QString, accessKey);
        QFETCH(QString, sessionToken);
        QFETCH(QString, origin);
        QFETCH(QString, region);
        QFETCH(QString, endpoint);
        QFETCH(bool, custom);
        QFETCH(int, addressing);
        QFETCH(QString, profile);
        const Sandbox sandbox(setup);
        const Result<S3Config> config = sandbox.resolve();
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
        QCOMPARE(config->credentials.accessKeyId, accessKey);
        QVERIFY(config->credentials.secretAccessKey.startsWith(QLatin1String("SECRET")));
        QCOMPARE(config->credentials.sessionToken, sessionToken);
        QVERIFY2(config->credentials.origin.contains(sandbox.fill(origin)),
            qPrintable(config->credentials.origin));
        checkNoSecret(config->credentials.origin + config->searched.join(u'\n'));
        QCOMPARE(config->region, region);
        QCOMPARE(config->endpoint.toString(), endpoint);
        QCOMPARE(config->customEndpoint, custom);
        QCOMPARE(int(config->addressing), addressing);
        QCOMPARE(config->profile, profile);
    }

    void refuses_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("mentions"); // parts of the message; "@DIR@" is the temporary directory
        const int password = int(ErrorCode::Password);
        const int usage = int(ErrorCode::Usage);
        const int invalid = int(ErrorCode::InvalidInput);

        QTest::addRow("no credentials anywhere")
            << Setup { QStringLiteral("[default]\nregion = eu-west-1\n"), {}, {}, {}, {} } << password
            << QStringList { QStringLiteral("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"),
                   QStringLiteral("@DIR@/.aws/credentials [default] (no such file)"),
                   QStringLiteral("@DIR@/.aws/config [default]") };
        QTest::addRow("no credentials for --profile")
            << Setup { QStringLiteral("[profile dev]\nregion = eu-west-1\n"), CredDefault, EnvKeys, {},
                   flags(QStringLiteral("dev")) }
            << password
            << QStringList { QStringLiteral("@DIR@/.aws/credentials [dev]"),
                   QStringLiteral("@DIR@/.aws/config [profile dev]") };
        QTest::addRow("unknown --profile")
            << Setup { ConfDefault, CredDefault, {}, {}, flags(QStringLiteral("nope")) } << usage
            << QStringList { QStringLiteral("\"nope\""), QStringLiteral("--profile"),
                   QStringLiteral("@DIR@/.aws/credentials"), QStringLiteral("@DIR@/.aws/config") };
        // As the AWS CLI: "The config profile (nope) could not be found", even with keys in the environment.
        QTest::addRow("unknown AWS_PROFILE") << Setup {
            ConfDefault, CredDefault, EnvKeys + QStringList { QStringLiteral("AWS_PROFILE=nope") }, {}, {}
        } << usage << QStringList { QStringLiteral("\"nope\""), QStringLiteral("AWS_PROFILE") };
        QTest::addRow("key without secret in the environment")
            << Setup { {}, CredDefault, { QStringLiteral("AWS_ACCESS_KEY_ID=AKIDENVIRONMENT") }, {}, {} }
            << password << QStringList { QStringLiteral("AWS_SECRET_ACCESS_KEY") };
        QTest::addRow("key without secret in the credentials file")
            << Setup { ConfDefault, QStringLiteral("[default]\n\naws_access_key_id = AKIDCREDDEFAULT\n"), {},
                   {}, {} }
            << password
            << QStringList { QStringLiteral("@DIR@/.aws/credentials, line 3"),
                   QStringLiteral("aws_secret_access_key") };
        QTest::addRow("assume role") << Setup {
            QStringLiteral("[profile dev]\nrole_arn = arn:aws:iam::1:role/x\n"
                           "source_profile = default\n"),
            CredDefault, {}, {}, flags(QStringLiteral("dev"))
        } << password << QStringList { QStringLiteral("role_arn"), QStringLiteral("export-credentials") };
        QTest::addRow("SSO") << Setup { QStringLiteral("[default]\nsso_session = corp\n"), {}, {}, {}, {} }
                             << password << QStringList { QStringLiteral("SSO") };

        // Malformed files: the file and the line.
        QTest::addRow("line before any section")
            << Setup { QStringLiteral("region = x\n[default]\n"), CredDefault, {}, {}, {} } << invalid
            << QStringList { QStringLiteral("@DIR@/.aws/config, line 1") };
        QTest::addRow("line that is no option") << Setup {
            {}, QStringLiteral("[default]\naws_access_key_id = AKIDCREDDEFAULT\nSECRETcred\n"), {}, {}, {}
        } << invalid << QStringList { QStringLiteral("@DIR@/.aws/credentials, line 3") };
        QTest::addRow("section twice")
            << Setup { QStringLiteral("[default]\nregion = a\n\n[default]\n"), CredDefault, {}, {}, {} }
            << invalid
            << QStringList { QStringLiteral("@DIR@/.aws/config, line 4"), QStringLiteral("[default]") };
        QTest::addRow("option twice")
            << Setup { {}, CredDefault + QStringLiteral("AWS_ACCESS_KEY_ID = AKIDAGAIN\n"), {}, {}, {} }
            << invalid
            << QStringList { QStringLiteral("@DIR@/.aws/credentials, line 4"),
                   QStringLiteral("aws_access_key_id") };
        QTest::addRow("bad line in the s3 block")
            << Setup { QStringLiteral("[default]\ns3 =\n  addressing_style = path\n  # fine\n  oops\n"),
                   CredDefault, {}, {}, {} }
            << invalid << QStringList { QStringLiteral("@DIR@/.aws/config, line 5"), QStringLiteral("oops") };
        QTest::addRow("bad addressing_style")
            << Setup { QStringLiteral("[default]\ns3 =\n  addressing_style = sideways\n"), CredDefault, {},
                   {}, {} }
            << invalid
            << QStringList { QStringLiteral("@DIR@/.aws/config, line 2"), QStringLiteral("sideways") };
        QTest::addRow("bad region in the profile")
            << Setup { QStringLiteral("[default]\n\nregion = eu west 1\n"), CredDefault, {}, {}, {} }
            << invalid << QStringList { QStringLiteral("@DIR@/.aws/config, line 3") };
        QTest::addRow("bad --region")
            << Setup { {}, CredDefault, {}, {}, flags({}, QStringLiteral("eu/west")) } << usage
            << QStringList { QStringLiteral("--region") };
        QTest::addRow("bad endpoint_url in the profile")
            << Setup { QStringLiteral("[default]\nendpoint_url = ftp://x\n"), CredDefault, {}, {}, {} }
            << invalid
            << QStringList { QStringLiteral("@DIR@/.aws/config, line 2"), QStringLiteral("ftp://x") };
        QTest::addRow("bad --endpoint-url")
            << Setup { {}, CredDefault, {}, {}, flags({}, {}, QStringLiteral("localhost:9000")) } << usage
            << QStringList { QStringLiteral("--endpoint-url") };
        QTest::addRow("bad AWS_ENDPOINT_URL")
            << Setup { {}, CredDefault, { QStringLiteral("AWS_ENDPOINT_URL=http://") }, {}, {} } << usage
            << QStringList { QStringLiteral("AWS_ENDPOINT_URL") };
        QTest::addRow("not UTF-8") << Setup { QStringLiteral("@LATIN1@[default]\nregion = \xff\n"),
            CredDefault, {}, {}, {} }
                                   << invalid << QStringList { QStringLiteral("@DIR@/.aws/config") };

        // credential_process that fails: the profile, the file and line, never its output.
        const QString process = QStringLiteral("[default]\ncredential_process = @DIR@/proc.sh\n");
        QTest::addRow("credential_process fails") << Setup { process, {}, {},
            { QStringLiteral("proc.sh"),
                QStringLiteral(
                    "#!/bin/sh\necho 'token expired, run login' >&2\n"
                    "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SECRETproc\"}'\n"
                    "exit 3\n") },
            {} } << password
                                                  << QStringList { QStringLiteral("\"default\""),
                                                         QStringLiteral("@DIR@/.aws/config, line 2"),
                                                         QStringLiteral("code 3"),
                                                         QStringLiteral("token expired, run login") };
        QTest::addRow("credential_process prints garbage") << Setup { process, {}, {},
            { QStringLiteral("proc.sh"), script(QStringLiteral("SECRETproc is not JSON")) },
            {} } << password << QStringList { QStringLiteral("JSON") };
        QTest::addRow("credential_process Version 2") << Setup { process, {}, {},
            { QStringLiteral("proc.sh"),
                script(QStringLiteral(
                    "{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SECRETproc\"}")) },
            {} } << password << QStringList { QStringLiteral("Version 2") };
        QTest::addRow("credential_process without secret") << Setup { process, {}, {},
            { QStringLiteral("proc.sh"), script(QStringLiteral("{\"Version\": 1, \"AccessKeyId\": \"A\"}")) },
            {} } << password << QStringList { QStringLiteral("SecretAccessKey") };
        QTest::addRow("credential_process hangs") << Setup {
            process, {}, {}, { QStringLiteral("proc.sh"), QStringLiteral("#!/bin/sh\nexec sleep 60\n") }, {}
        } << password << QStringList { QStringLiteral("did not finish") };
        QTest::addRow("credential_process missing") << Setup {
            QStringLiteral("[default]\ncredential_process = no-such-helper --x\n"), {}, {}, {}, {}
        } << password << QStringList { QStringLiteral("no-such-helper") };
        QTest::addRow("credential_process unclosed quote") << Setup {
            QStringLiteral("[default]\ncredential_process = helper 'SECRETproc\n"), {}, {}, {}, {}
        } << password << QStringList { QStringLiteral("quote") };
        // No shell: a ';' is an argument, not a second command.
        QTest::addRow("credential_process is no shell")
            << Setup { QStringLiteral("[default]\ncredential_process = /bin/echo x ; touch @DIR@/pwned\n"),
                   {}, {}, {}, {} }
            << password << QStringList { QStringLiteral("JSON") };
    }

    void refuses()
    {
        QFETCH(Setup, setup);
        QFETCH(int, code);
        QFETCH(QStringList, mentions);
        const Sandbox sandbox(setup);
        const Result<S3Config> config = sandbox.resolve();
        QVERIFY2(!config.ok(), "resolved although it should not");
        const QString message = config.error().message;
        QCOMPARE(int(config.error().code), code);
        for (const QString &part : mentions)
            QVERIFY2(message.contains(sandbox.fill(part)), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        checkNoSecret(message);
        QVERIFY(!QFile::exists(sandbox.path(QStringLiteral("pwned"))));
    }

    // splitCommand against Python's shlex.split itself.
    void splitCommandMatchesShlex()
    {
        const QStringList commands = { QStringLiteral("helper --profile dev"),
            QStringLiteral("  spaced\t out  "), QStringLiteral("'single quoted' \"double quoted\""),
            QStringLiteral("a\\ b c\\\\d"), QStringLiteral("\"in \\\"double\\\" \\\\ \\$HOME \\n\""),
            QStringLiteral("'in \\ single'"), QStringLiteral("mixed'quo'\"ted\"word"), QStringLiteral("''"),
            QStringLiteral("\"\" x"), QStringLiteral("a#b # not a comment"),
            QStringLiteral("$HOME ~/x *.txt"), QStringLiteral("é ünïcode"), QStringLiteral("unclosed 'quote"),
            QStringLiteral("unclosed \"quote"), QStringLiteral("trailing \\"), QString() };
        QJsonArray input;
        for (const QString &c : commands)
            input.append(c);
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"),
                QStringLiteral("import json, shlex, sys\n"
                               "out = []\n"
                               "for c in json.load(sys.stdin):\n"
                               "    try: out.append(shlex.split(c))\n"
                               "    except ValueError: out.append(None)\n"
                               "print(json.dumps(out))\n") });
        QVERIFY(python.waitForStarted());
        python.write(QJsonDocument(input).toJson());
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(60000));
        const QJsonArray expected = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
        QCOMPARE(expected.size(), commands.size());
        for (qsizetype i = 0; i < commands.size(); ++i) {
            const std::optional<QStringList> got = AwsConfig::splitCommand(commands.at(i));
            if (expected.at(i).isNull()) {
                QVERIFY2(!got, qPrintable(commands.at(i)));
                continue;
            }
            QVERIFY2(got, qPrintable(commands.at(i)));
            QStringList want;
            for (const QJsonValue &v : expected.at(i).toArray())
                want.append(v.toString());
            QCOMPARE(*got, want);
        }
    }

    // The same files, environment and flags given to /usr/bin/aws (AWS CLI 2.9): `aws s3 presign` prints a
    // URL that holds the access key, the session token, the region, the endpoint and the addressing it
    // resolved, and a signature over the secret key. Presigned by Tapedeck from what AwsConfig resolved, at
    // the time the CLI signed (its X-Amz-Date), the URL must be the same, byte for byte.
    void matchesAwsCli_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<QString>("location");
        const QString twoProfiles
            = QStringLiteral("[default]\naws_access_key_id = AKIDCREDDEFAULT\n"
                             "aws_secret_access_key = SECRETcred\nregion = eu-north-1\n"
                             "[dev]\naws_access_key_id = AKIDCREDDEV\naws_secret_access_key = SECRETcred\n"
                             "aws_session_token = TOKENsecret/+=\n");
        const QString config
            = QStringLiteral("# comment\n[default]\nregion = eu-west-1\n"
                             "[profile dev]\nregion = ap-south-1\n"
                             "[profile conf]\naws_access_key_id = AKIDCONFONLY\n"
                             "aws_secret_access_key = SECRETconf\n  ; indented comment\nregion\t: us-west-2\n"
                             "s3 =\n  addressing_style = path\n"
                             "[profile proc]\ncredential_process = @DIR@/proc.sh \"an arg\"\n"
                             "s3 =\n\n  # comment\n\taddressing_style = virtual\n");
        const QStringList proc = { QStringLiteral("proc.sh"),
            script(QStringLiteral("{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": "
                                  "\"SECRETproc\", \"SessionToken\": \"TOKENsecret\"}")) };
        const QString object = QStringLiteral("s3://mybucket/dir/a b+c.zip");
        QTest::addRow("default") << Setup { config, twoProfiles, {}, proc, {} } << object;
        QTest::addRow("environment") << Setup { config, twoProfiles, EnvKeys, proc, {} } << object;
        QTest::addRow("environment with token") << Setup { config, twoProfiles,
            EnvKeys + QStringList { QStringLiteral("AWS_SESSION_TOKEN=TOKENsecret") }, proc, {} }
                                                << object;
        QTest::addRow("AWS_PROFILE and environment keys") << Setup { config, twoProfiles,
            EnvKeys + QStringList { QStringLiteral("AWS_PROFILE=dev") }, proc, {} }
                                                          << object;
        QTest::addRow("AWS_PROFILE") << Setup { config, twoProfiles, { QStringLiteral("AWS_PROFILE=dev") },
            proc, {} } << object;
        QTest::addRow("--profile and environment keys")
            << Setup { config, twoProfiles, EnvKeys, proc, flags(QStringLiteral("dev")) } << object;
        QTest::addRow("config-only profile, path style")
            << Setup { config, twoProfiles, {}, proc, flags(QStringLiteral("conf")) } << object;
        QTest::addRow("credential_process, virtual style") << Setup { config, twoProfiles, {}, proc,
            flags(QStringLiteral("proc"), QStringLiteral("eu-west-1")) }
                                                           << object;
        QTest::addRow("virtual style in us-east-1")
            << Setup { config, twoProfiles, {}, proc, flags(QStringLiteral("proc")) } << object;
        QTest::addRow("AWS_REGION and AWS_DEFAULT_REGION") << Setup { config, twoProfiles,
            { QStringLiteral("AWS_REGION=eu-west-2"), QStringLiteral("AWS_DEFAULT_REGION=eu-west-3") }, proc,
            {} } << object;
        QTest::addRow("AWS_DEFAULT_REGION") << Setup { config, twoProfiles,
            { QStringLiteral("AWS_DEFAULT_REGION=eu-west-3") }, proc, flags(QStringLiteral("dev")) }
                                            << object;
        QTest::addRow("--region") << Setup { config, twoProfiles, { QStringLiteral("AWS_REGION=eu-west-2") },
            proc, flags(QStringLiteral("dev"), QStringLiteral("ca-central-1")) }
                                  << object;
        QTest::addRow("--endpoint-url")
            << Setup { config, twoProfiles, {}, proc, flags({}, {}, QStringLiteral("http://127.0.0.1:4568")) }
            << object;
        QTest::addRow("--endpoint-url with virtual addressing") << Setup { config, twoProfiles, {}, proc,
            flags(QStringLiteral("proc"), {}, QStringLiteral("http://s3.example:9000/base")) }
                                                                << object;
        QTest::addRow("dotted bucket")
            << Setup { config, twoProfiles, {}, proc, {} } << QStringLiteral("s3://my.bucket/k");
    }

    void matchesAwsCli()
    {
        QFETCH(Setup, setup);
        QFETCH(QString, location);
        if (!QFile::exists(AwsCli))
            QSKIP("/usr/bin/aws (Debian's awscli) is not installed");
        const Sandbox sandbox(setup);
        QStringList arguments = { QStringLiteral("s3"), QStringLiteral("presign"), location };
        if (!sandbox.options().profile.isEmpty())
            arguments << QStringLiteral("--profile") << sandbox.options().profile;
        if (!sandbox.options().region.isEmpty())
            arguments << QStringLiteral("--region") << sandbox.options().region;
        if (!sandbox.options().endpointUrl.isEmpty())
            arguments << QStringLiteral("--endpoint-url") << sandbox.options().endpointUrl;
        const test::ProcessResult cli = test::run(AwsCli, arguments, {}, sandbox.environment(), 120000);
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QByteArray url = cli.out.trimmed();
        static const QRegularExpression date(QStringLiteral("X-Amz-Date=(\\d{8}T\\d{6}Z)"));
        const QRegularExpressionMatch when = date.match(QString::fromLatin1(url));
        QVERIFY2(when.hasMatch(), url.constData());
        QDateTime now = QDateTime::fromString(when.captured(1), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        now.setTimeSpec(Qt::UTC);

        const Result<S3Config> config = sandbox.resolve();
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
        const Result<S3Location> object = S3Location::parse(location);
        QVERIFY(object.ok());
        S3Request request;
        request.bucket = object->bucket;
        request.key = object->key;
        // AWS CLI 2.9's own (pre-rule-set) botocore sends an explicitly virtual-host request in us-east-1 to
        // the global s3.amazonaws.com; python3-botocore 1.29, which SigV4 follows, to
        // s3.us-east-1.amazonaws.com like every other request there. Both reach the bucket.
        QEXPECT_FAIL("virtual style in us-east-1", "AWS CLI 2.9 uses mybucket.s3.amazonaws.com", Continue);
        QCOMPARE(QString::fromUtf8(SigV4::presign(request, *config, now, 3600)), QString::fromUtf8(url));
    }

    // The INI reader against Python's configparser with botocore's nested blocks (raw_config_parse).
    void iniMatchesConfigParser()
    {
        const QStringList texts = {
            QStringLiteral("[a]\nk = v\n  continued\n\n  after blank\n\n[b]\nx:y\n"),
            QStringLiteral(
                "[a]\ns3 =\n\n  # comment\n  addressing_style = path\n   k2 =  v2  \n[DEFAULT]\nd = 1\n"),
            QStringLiteral("[ spaced ]\nKey With Spaces = Value With = Sign\n[x] trailing\nk=\n"),
            QStringLiteral("[a]\n  indented = first\n  second = 2\n\tthird = 3\n"),
            QStringLiteral("[a]\nk = v ; kept\n# c\n; c\nj = \"quoted\"\n"),
        };
        QJsonArray input;
        for (const QString &t : texts)
            input.append(t);
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral("-c"),
                QStringLiteral(
                    "import json, sys, tempfile, os\n"
                    "from botocore.configloader import raw_config_parse\n"
                    "out = []\n"
                    "for t in json.load(sys.stdin):\n"
                    "    with tempfile.NamedTemporaryFile('w', delete=False) as f: f.write(t)\n"
                    "    out.append(raw_config_parse(f.name, parse_subsections=False)); os.unlink(f.name)\n"
                    "print(json.dumps(out))\n") });
        QVERIFY(python.waitForStarted());
        python.write(QJsonDocument(input).toJson());
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(60000));
        const QJsonArray expected = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
        QCOMPARE(expected.size(), texts.size());
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const Result<IniFile> ini = IniFile::parse(texts.at(i).toUtf8(), QStringLiteral("test"));
            QVERIFY2(ini.ok(), qPrintable(ini.ok() ? QString() : ini.error().message));
            QJsonObject got;
            for (const IniSection &section : ini->sections) {
                QJsonObject options;
                for (const IniOption &o : section.options)
                    options.insert(o.name, o.value);
                got.insert(section.name, options);
            }
            QCOMPARE(QJsonDocument(got).toJson(), QJsonDocument(expected.at(i).toObject()).toJson());
        }
    }
};

QTEST_GUILESS_MAIN(TestAwsConfig)
#include "tst_awsconfig.moc"
