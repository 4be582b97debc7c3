<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AliasExpansion</name>
    <message>
        <location filename="../core/common/aliasexpansion.h" line="+58"/>
        <source>aliases that expand to more than %1 at once (the file&apos;s size, at least %2)</source>
        <translation>Aliase, die gleichzeitig zu mehr als %1 expandieren (die Dateigröße, mindestens %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>aliases that expand to more than %1 in all (%2 times the file&apos;s size, at least %3)</source>
        <translation>Aliase, die insgesamt zu mehr als %1 expandieren (das %2-Fache der Dateigröße, mindestens %3)</translation>
    </message>
</context>
<context>
    <name>AwsConfig</name>
    <message>
        <location filename="../core/storage/awsconfig.cpp" line="+32"/>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>its command has an unclosed quote or a trailing backslash</source>
        <translation>sein Befehl enthält ein nicht geschlossenes Anführungszeichen oder endet auf einen Backslash</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its command is empty</source>
        <translation>sein Befehl ist leer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a program in the PATH</source>
        <translation>%1 ist kein Programm im PATH</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>it did not finish within %n second(s)</source>
        <translation>
            <numerusform>er wurde nicht innerhalb von %n Sekunde beendet</numerusform>
            <numerusform>er wurde nicht innerhalb von %n Sekunden beendet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it crashed</source>
        <translation>er ist abgestürzt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it exited with code %1</source>
        <translation>er wurde mit Code %1 beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it exited with code %1: %2</source>
        <translation>er wurde mit Code %1 beendet: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a JSON object with Version 1, AccessKeyId, SecretAccessKey and optionally SessionToken</source>
        <translation>ein JSON-Objekt mit Version 1, AccessKeyId, SecretAccessKey und optional SessionToken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it printed something other than %1</source>
        <translation>er gab etwas anderes aus als %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no Version</source>
        <translation>keine Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version &quot;%1&quot;</source>
        <translation>Version „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Version that is not a number</source>
        <translation>eine Version, die keine Zahl ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it printed %1; the AWS CLI and Tapedeck read Version 1</source>
        <translation>er gab %1 aus; die AWS CLI und Tapedeck lesen Version 1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>its JSON has no AccessKeyId</source>
        <translation>sein JSON enthält keine AccessKeyId</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its JSON has no SecretAccessKey</source>
        <translation>sein JSON enthält keinen SecretAccessKey</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its SessionToken is not a string</source>
        <translation>sein SessionToken ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>assumes a role (role_arn)</source>
        <translation>übernimmt eine Rolle (role_arn)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>uses a web identity token (web_identity_token_file)</source>
        <translation>verwendet ein Web-Identity-Token (web_identity_token_file)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signs in with IAM Identity Center (SSO)</source>
        <translation>meldet sich über IAM Identity Center (SSO) an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gets a web identity from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE</source>
        <translation>bezieht eine Web-Identität aus AWS_ROLE_ARN und AWS_WEB_IDENTITY_TOKEN_FILE</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>The AWS profile &quot;%1&quot; (from %2) is in neither %3 nor %4.</source>
        <translation>Das AWS-Profil „%1“ (aus %2) steht weder in %3 noch in %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (no such file)</source>
        <translation> (Datei nicht vorhanden)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY</source>
        <translation>Umgebungsvariablen AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or unset AWS_ACCESS_KEY_ID to use a profile.</source>
        <translation>AWS_ACCESS_KEY_ID ist gesetzt, AWS_SECRET_ACCESS_KEY aber nicht: Setzen Sie beide, oder entfernen Sie AWS_ACCESS_KEY_ID, um ein Profil zu verwenden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the environment (AWS_ACCESS_KEY_ID)</source>
        <translation>Umgebung (AWS_ACCESS_KEY_ID)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The AWS profile &quot;%1&quot; %2, which Tapedeck does not do; give it credentials another way, e.g. credential_process = aws configure export-credentials --profile %1 --format process in a profile of its own.</source>
        <translation>Das AWS-Profil „%1“ %2, was Tapedeck nicht unterstützt; geben Sie ihm auf andere Weise Zugangsdaten, z. B. mit credential_process = aws configure export-credentials --profile %1 --format process in einem eigenen Profil.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: the profile &quot;%2&quot; sets %3 but not %4.</source>
        <translation>%1: das Profil „%2“ setzt %3, aber nicht %4.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+24"/>
        <source>profile &quot;%1&quot; in %2</source>
        <translation>Profil „%1“ in %2</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>credential_process of profile &quot;%1&quot;</source>
        <translation>credential_process des Profils „%1“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The credential_process of the AWS profile &quot;%1&quot; (%2) failed: %3.</source>
        <translation>Der credential_process des AWS-Profils „%1“ (%2) ist fehlgeschlagen: %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No AWS credentials found; looked in: %1. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (aws configure).</source>
        <translation>Keine AWS-Zugangsdaten gefunden; durchsucht: %1. Setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY oder richten Sie ein Profil ein (aws configure).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: &quot;%2&quot; is not a region name.</source>
        <translation>%1: „%2“ ist kein Regionsname.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; (from %2) is not a region name.</source>
        <translation>„%1“ (aus %2) ist kein Regionsname.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: addressing_style is auto, virtual or path, not &quot;%2&quot;.</source>
        <translation>%1: addressing_style ist auto, virtual oder path, nicht „%2“.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--endpoint-url %1 is not an http:// or https:// URL.</source>
        <translation>--endpoint-url %1 ist keine http://- oder https://-URL.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1=%2 is not an http:// or https:// URL.</source>
        <translation>%1=%2 ist keine http://- oder https://-URL.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: endpoint_url %2 is not an http:// or https:// URL.</source>
        <translation>%1: endpoint_url %2 ist keine http://- oder https://-URL.</translation>
    </message>
</context>
<context>
    <name>BodyContent</name>
    <message>
        <location filename="../core/recording/bodycontent.cpp" line="+46"/>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG image</source>
        <translation>JPEG-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GIF image</source>
        <translation>GIF-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZIP archive</source>
        <translation>ZIP-Archiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gzip data</source>
        <translation>gzip-Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bzip2 data</source>
        <translation>bzip2-Daten</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>BodyPreview</name>
    <message>
        <location filename="../ui/details/bodypreview.cpp" line="+59"/>
        <source>No body (recorded as null)</source>
        <translation>Kein Body (als null aufgezeichnet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty body</source>
        <translation>Leerer Body</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1-encoded, %2 recorded</source>
        <translation>%1-kodiert, %2 aufgezeichnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 could not be decoded: %2</source>
        <translation>%1 konnte nicht dekodiert werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 × %2 pixels, previewed at %3 × %4</source>
        <translation>%1 × %2 Pixel, Vorschau in %3 × %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>larger than %1: not read as JSON or form data</source>
        <translation>größer als %1: nicht als JSON oder Formulardaten gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 form field</source>
        <translation>1 Formularfeld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 form fields</source>
        <translation>%1 Formularfelder</translation>
    </message>
</context>
<context>
    <name>CassetteParser</name>
    <message>
        <location filename="../core/recording/cassetteparser.cpp" line="+224"/>
        <source>%1, which YAML does not allow, at offset %2 replaced by &apos;?&apos;</source>
        <translation>%1, das YAML nicht erlaubt, an Offset %2 durch &apos;?&apos; ersetzt</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>%1 is not valid YAML (line %2, column %3: %4)</source>
        <translation>%1 ist kein gültiges YAML (Zeile %2, Spalte %3: %4)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1: %2 (line %3)</source>
        <translation>%1: %2 (Zeile %3)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 uses an undefined alias *%2 (line %3)</source>
        <translation>%1 verwendet einen undefinierten Alias *%2 (Zeile %3)</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>%1: unexpected YAML structure at line %2</source>
        <translation>%1: unerwartete YAML-Struktur in Zeile %2</translation>
    </message>
    <message>
        <location line="+322"/>
        <source>unknown tag %1 on a body (line %2), read as text</source>
        <translation>unbekanntes Tag %1 an einem Body (Zeile %2), als Text gelesen</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>an io.BytesIO body without content (line %1)</source>
        <translation>ein io.BytesIO-Body ohne Inhalt (Zeile %1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>unknown tag %1 on a body (line %2), read as data</source>
        <translation>unbekanntes Tag %1 an einem Body (Zeile %2), als Binärdaten gelesen</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>a header entry that is not a name/value pair (line %1)</source>
        <translation>ein Header-Eintrag, der kein Name-Wert-Paar ist (Zeile %1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>headers are not a mapping (line %1)</source>
        <translation>die Header sind kein Mapping (Zeile %1)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>interaction at line %1 is not a mapping</source>
        <translation>die Interaktion in Zeile %1 ist kein Mapping</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>interaction at line %1 has no request</source>
        <translation>die Interaktion in Zeile %1 hat keine Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interaction at line %1 has no response</source>
        <translation>die Interaktion in Zeile %1 hat keine Antwort</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the request has no method</source>
        <translation>die Anfrage hat keine Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the request has no URI</source>
        <translation>die Anfrage hat keinen URI</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the response has no status code</source>
        <translation>die Antwort hat keinen Statuscode</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a body of %1 MiB</source>
        <translation>ein Body von %1 MiB</translation>
    </message>
    <message numerus="yes">
        <location line="+492"/>
        <source>%1 holds %n character(s) YAML does not allow, shown as &apos;?&apos;</source>
        <translation>
            <numerusform>%1 enthält %n Zeichen, das YAML nicht erlaubt, angezeigt als &apos;?&apos;</numerusform>
            <numerusform>%1 enthält %n Zeichen, die YAML nicht erlaubt, angezeigt als &apos;?&apos;</numerusform>
        </translation>
    </message>
    <message>
        <location line="-1438"/>
        <source>invalid UTF-8 byte at offset %1 replaced by &apos;?&apos;</source>
        <translation>ungültiges UTF-8-Byte an Offset %1 durch &apos;?&apos; ersetzt</translation>
    </message>
    <message>
        <location line="+1157"/>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not a VCR.py cassette (no &quot;interactions&quot;)</source>
        <translation>%1 ist keine VCR.py-Kassette (keine „interactions“)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: &quot;interactions&quot; is not a list</source>
        <translation>%1: „interactions“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no interactions</source>
        <translation>%1 enthält keine Interaktionen</translation>
    </message>
    <message numerus="yes">
        <location line="+241"/>
        <source>%1 holds %n byte(s) of invalid UTF-8, shown as &apos;?&apos;</source>
        <translation>
            <numerusform>%1 enthält %n ungültiges UTF-8-Byte, angezeigt als &apos;?&apos;</numerusform>
            <numerusform>%1 enthält %n ungültige UTF-8-Bytes, angezeigt als &apos;?&apos;</numerusform>
        </translation>
    </message>
    <message>
        <location line="+234"/>
        <source>%1: the interaction&apos;s position is outside the cassette</source>
        <translation>%1: die Position der Interaktion liegt außerhalb der Kassette</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../core/storage/catalog.cpp" line="+220"/>
        <source>the folder %1 could not be created: %2</source>
        <translation>der Ordner %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>no folder given</source>
        <translation>kein Ordner angegeben</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the catalog %1 cannot be read: %2</source>
        <translation>der Katalog %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the catalog %1 cannot be created: %2</source>
        <translation>der Katalog %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not a Tapedeck catalog (not an SQLite database); it was left as it is</source>
        <translation>%1 ist kein Tapedeck-Katalog (keine SQLite-Datenbank); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is an SQLite database of another application, not a Tapedeck catalog; it was left as it is</source>
        <translation>%1 ist eine SQLite-Datenbank einer anderen Anwendung, kein Tapedeck-Katalog; die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a catalog of another Tapedeck version (schema %2, this one reads %3); it was left as it is</source>
        <translation>%1 ist ein Katalog einer anderen Tapedeck-Version (Schema %2, diese Version liest %3); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the catalog %1 cannot be opened: %2</source>
        <translation>der Katalog %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+338"/>
        <source>the catalog %1 is damaged (%2); it was left as it is</source>
        <translation>der Katalog %1 ist beschädigt (%2); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="-333"/>
        <source>the catalog %1 cannot be written: %2</source>
        <translation>der Katalog %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the catalog %1 is damaged (the table %2 is missing); it was left as it is</source>
        <translation>der Katalog %1 ist beschädigt (die Tabelle %2 fehlt); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+257"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>the catalog %1 could not be updated: %2</source>
        <translation>der Katalog %1 konnte nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the catalog %1 could not be read: %2</source>
        <translation>der Katalog %1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>CentralDirectory</name>
    <message>
        <location filename="../core/archive/centraldirectory.cpp" line="+48"/>
        <source>the ZIP directory is damaged (%1)</source>
        <translation>das ZIP-Verzeichnis ist beschädigt (%1)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>entry &quot;%1&quot; has no local header where the directory says</source>
        <translation>Eintrag „%1“ hat keinen lokalen Header an der vom Verzeichnis angegebenen Stelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entry &quot;%1&quot; overlaps the ZIP directory</source>
        <translation>Eintrag „%1“ überschneidet sich mit dem ZIP-Verzeichnis</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>entries &quot;%1&quot; and &quot;%2&quot; overlap (they share bytes of the archive, as in a zip bomb)</source>
        <translation>Einträge „%1“ und „%2“ überschneiden sich (sie teilen sich Bytes des Archivs, wie bei einer ZIP-Bombe)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>file too small</source>
        <translation>Datei zu klein</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no end-of-directory record</source>
        <translation>kein Verzeichnisende-Eintrag</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bad ZIP64 end-of-directory record</source>
        <translation>fehlerhafter ZIP64-Verzeichnisende-Eintrag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>directory larger than the file</source>
        <translation>Verzeichnis größer als die Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>directory past the end of the file</source>
        <translation>Verzeichnis hinter dem Dateiende</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>directory truncated</source>
        <translation>Verzeichnis abgeschnitten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>central header %1 overruns the directory</source>
        <translation>zentraler Header %1 reicht über das Verzeichnis hinaus</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>central header %1 has a short ZIP64 field</source>
        <translation>zentraler Header %1 hat ein zu kurzes ZIP64-Feld</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>entry &quot;%1&quot; starts outside the file</source>
        <translation>Eintrag „%1“ beginnt außerhalb der Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 entries declared, %2 found</source>
        <translation>%1 Einträge angegeben, %2 gefunden</translation>
    </message>
</context>
<context>
    <name>CertificateAuthority</name>
    <message>
        <location filename="../core/replay/certificateauthority.cpp" line="+77"/>
        <source>unknown OpenSSL error</source>
        <translation>unbekannter OpenSSL-Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenSSL error %1</source>
        <translation>OpenSSL-Fehler %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>generating an EC P-256 key</source>
        <translation>Erzeugen eines EC-P-256-Schlüssels</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>generating a serial number</source>
        <translation>Erzeugen einer Seriennummer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>setting a serial number</source>
        <translation>Setzen einer Seriennummer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>adding the %1 extension</source>
        <translation>Hinzufügen der Erweiterung %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>setting the certificate&apos;s %1</source>
        <translation>Setzen von %1 im Zertifikat</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+12"/>
        <source>creating the CA certificate</source>
        <translation>Erstellen des CA-Zertifikats</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>signing the CA certificate</source>
        <translation>Signieren des CA-Zertifikats</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is not a valid host name: %2</source>
        <translation>„%1“ ist kein gültiger Hostname: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the host name is empty</source>
        <translation>der Hostname ist leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>longer than 253 characters</source>
        <translation>länger als 253 Zeichen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>it holds spaces, control or non-ASCII characters (give an IDN in its xn-- form)</source>
        <translation>er enthält Leerzeichen, Steuerzeichen oder Nicht-ASCII-Zeichen (einen internationalisierten Namen in seiner xn--Form angeben)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>not an IPv6 address (give it without brackets or zone)</source>
        <translation>keine IPv6-Adresse (ohne eckige Klammern und ohne Zone angeben)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it has an empty label</source>
        <translation>er enthält ein leeres Label</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a label is longer than 63 characters</source>
        <translation>ein Label ist länger als 63 Zeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a label starts or ends with a hyphen</source>
        <translation>ein Label beginnt oder endet mit einem Bindestrich</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not allowed in a host name</source>
        <translation>„%1“ ist in einem Hostnamen nicht erlaubt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a valid IPv4 address</source>
        <translation>keine gültige IPv4-Adresse</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+8"/>
        <location line="+5"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>adding the subjectAltName extension</source>
        <translation>Hinzufügen der Erweiterung subjectAltName</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+14"/>
        <source>creating a leaf certificate</source>
        <translation>Erstellen eines Serverzertifikats</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>signing a leaf certificate</source>
        <translation>Signieren eines Serverzertifikats</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>encoding a certificate</source>
        <translation>Kodieren eines Zertifikats</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>encoding a private key</source>
        <translation>Kodieren eines privaten Schlüssels</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+27"/>
        <location line="+22"/>
        <location line="+32"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>%1 holds the replay CA&apos;s private key but group or others may access it (mode %2); it was not used: run chmod 600 %1</source>
        <translation>%1 enthält den privaten Schlüssel der Replay-CA, aber Gruppe oder andere haben Zugriff darauf (Modus %2); er wurde nicht verwendet: chmod 600 %1 ausführen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is too large (%2 bytes) to be a PEM file of the replay CA</source>
        <translation>%1 ist zu groß (%2 Bytes) für eine PEM-Datei der Replay-CA</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>no folder given for the replay CA</source>
        <translation>kein Ordner für die Replay-CA angegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the folder %1 could not be created</source>
        <translation>der Ordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the folder %1 could not be created: %2</source>
        <translation>der Ordner %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 exists and is not a folder</source>
        <translation>%1 existiert und ist kein Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the replay CA&apos;s folder %1 may be written by group or others; run chmod 700 %1</source>
        <translation>Gruppe oder andere dürfen in den Ordner %1 der Replay-CA schreiben; chmod 700 %1 ausführen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 could not be locked: %2</source>
        <translation>%1 konnte nicht gesperrt werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>another process has been holding %1 for over %2 seconds while creating the replay CA</source>
        <translation>ein anderer Prozess hält %1 seit über %2 Sekunden, während er die Replay-CA erstellt</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>a file could not be created in %1: %2</source>
        <translation>in %1 konnte keine Datei angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 exists but %2 is missing; restore %2, or move %1 away to have a new replay CA made (clients trusting the old one must then trust the new one)</source>
        <translation>%1 existiert, aber %2 fehlt; %2 wiederherstellen oder %1 woandershin verschieben, damit eine neue Replay-CA erstellt wird (Clients, die der alten vertrauen, müssen dann der neuen vertrauen)</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+23"/>
        <source>reading %1</source>
        <translation>Lesen von %1</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1 is not an unencrypted PEM private key (%2); it was left as it is</source>
        <translation>%1 ist kein unverschlüsselter privater PEM-Schlüssel (%2); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 holds a key of a type the replay CA cannot sign with (EC or RSA keys only)</source>
        <translation>%1 enthält einen Schlüssel eines Typs, mit dem die Replay-CA nicht signieren kann (nur EC- oder RSA-Schlüssel)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 is not a PEM certificate (%2); it was left as it is</source>
        <translation>%1 ist kein PEM-Zertifikat (%2); die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 does not belong to the key in %2; the files were left as they are (restore the matching pair, or move both away to have a new replay CA made)</source>
        <translation>%1 gehört nicht zum Schlüssel in %2; die Dateien wurden nicht verändert (das passende Paar wiederherstellen oder beide woandershin verschieben, damit eine neue Replay-CA erstellt wird)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a CA certificate</source>
        <translation>%1 ist kein CA-Zertifikat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the replay CA in %1 has expired; move %2 and %3 away to have a new one made</source>
        <translation>die Replay-CA in %1 ist abgelaufen; %2 und %3 woandershin verschieben, damit eine neue erstellt wird</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the replay CA in %1 is not valid yet (is the clock right?)</source>
        <translation>die Replay-CA in %1 ist noch nicht gültig (geht die Uhr richtig?)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 appeared while the replay CA was being created; nothing was changed</source>
        <translation>%1 ist entstanden, während die Replay-CA erstellt wurde; nichts wurde verändert</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Qt could not read the certificate made for %1; is Qt&apos;s OpenSSL TLS backend installed?</source>
        <translation>Qt konnte das für %1 erstellte Zertifikat nicht lesen; ist Qts OpenSSL-TLS-Backend installiert?</translation>
    </message>
</context>
<context>
    <name>CheckpointState</name>
    <message>
        <location filename="../core/recording/checkpointstate.cpp" line="+58"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>bad base85 character at position %1</source>
        <translation>ungültiges base85-Zeichen an Position %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>base85 overflow in the group starting at position %1</source>
        <translation>base85-Überlauf in der Gruppe ab Position %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>libbz2 could not be initialised</source>
        <translation>libbz2 konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+34"/>
        <source>the bzip2 data decompresses to more than %1, the limit</source>
        <translation>die bzip2-Daten ergeben entpackt mehr als %1, die Obergrenze</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>the bzip2 data is corrupt (libbz2 error %1)</source>
        <translation>die bzip2-Daten sind beschädigt (libbz2-Fehler %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data is not bzip2 (bad magic number)</source>
        <translation>die Daten sind kein bzip2 (ungültige Magic Number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the data after the end of the bzip2 stream is not bzip2</source>
        <translation>die Daten nach dem Ende des bzip2-Datenstroms sind kein bzip2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the bzip2 data ends before the end-of-stream marker</source>
        <translation>die bzip2-Daten enden vor der Endmarkierung des Datenstroms</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the checkpoint&apos;s &quot;state&quot; is not an object</source>
        <translation>„state“ des Checkpoints ist kein Objekt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the checkpoint has no &quot;state&quot;</source>
        <translation>der Checkpoint hat keinen „state“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the checkpoint state has no &quot;serde&quot; string</source>
        <translation>der Checkpoint-Zustand hat keine „serde“-Zeichenkette</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the checkpoint&apos;s payload is not a string</source>
        <translation>die Nutzdaten des Checkpoints sind keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the checkpoint payload is not valid base85: %1</source>
        <translation>die Nutzdaten des Checkpoints sind kein gültiges base85: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the checkpoint payload: %1</source>
        <translation>Nutzdaten des Checkpoints: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the checkpoint state uses the old &quot;base85&quot; serde, a pickled Python object, which Tapedeck does not unpickle</source>
        <translation>der Checkpoint-Zustand verwendet die alte serde „base85“, ein mit pickle serialisiertes Python-Objekt, das Tapedeck nicht deserialisiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown checkpoint serde &quot;%1&quot;</source>
        <translation>unbekannte Checkpoint-serde „%1“</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>the checkpoint state is not valid JSON (%1: %2)</source>
        <translation>der Checkpoint-Zustand ist kein gültiges JSON (%1: %2)</translation>
    </message>
</context>
<context>
    <name>DateBound</name>
    <message>
        <location filename="../core/storage/datebound.cpp" line="+46"/>
        <source>&quot;%1&quot; is not a date: give 2026-11-30, 2026-11-30T14:05 (UTC unless it ends in Z or +hh:mm), or an age such as 36h, 7d or 2w</source>
        <translation>„%1“ ist kein Datum: Geben Sie 2026-11-30, 2026-11-30T14:05 (UTC, sofern es nicht auf Z oder +hh:mm endet) oder ein Alter wie 36h, 7d oder 2w an</translation>
    </message>
</context>
<context>
    <name>DiffFile</name>
    <message>
        <location filename="../core/diff/diffside.cpp" line="+38"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 could not be read completely: %2</source>
        <translation>%1 konnte nicht vollständig gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it got shorter</source>
        <translation>die Datei ist kürzer geworden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 changed while it was being compared</source>
        <translation>%1 wurde während des Vergleichs geändert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
</context>
<context>
    <name>DiffInput</name>
    <message>
        <location filename="../core/diff/diffinput.cpp" line="+95"/>
        <source>No input was given.</source>
        <translation>Es wurde keine Eingabe angegeben.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is neither an MCP file (JSON or JSON lines) nor a cassette</source>
        <translation>%1 ist weder eine MCP-Datei (JSON oder JSON Lines) noch eine Kassette</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 holds SQL queries (a queries.jsonl), not MCPs</source>
        <translation>%1 enthält SQL-Abfragen (eine queries.jsonl), keine MCPs</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 holds no http/cassette.yaml, so no MCPs</source>
        <translation>%1 enthält keine http/cassette.yaml und damit keine MCPs</translation>
    </message>
</context>
<context>
    <name>DiffPresets</name>
    <message>
        <location filename="../core/diff/diffpreset.cpp" line="+38"/>
        <source>DataHub&apos;s default exclusions: aspect-level timestampMillis, lastUpdatedTimestamp, created and lastModified, and systemMetadata&apos;s lastObserved, runId and lastRunId.</source>
        <translation>Die Standardausschlüsse von DataHub: timestampMillis, lastUpdatedTimestamp, created und lastModified auf Aspektebene sowie lastObserved, runId und lastRunId aus systemMetadata.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DataHub&apos;s default exclusions plus the emission-time fields that always differ between a recording and its replay: every auditStamp.time and a checkpoint&apos;s runId.</source>
        <translation>Die Standardausschlüsse von DataHub sowie die beim Senden gesetzten Felder, die sich zwischen einer Aufzeichnung und ihrer Wiedergabe immer unterscheiden: jedes auditStamp.time und die runId eines Checkpoints.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No exclusions: every field of the aspects is compared.</source>
        <translation>Keine Ausschlüsse: Jedes Feld der Aspekte wird verglichen.</translation>
    </message>
</context>
<context>
    <name>DiffReport</name>
    <message>
        <location filename="../core/diff/diffreport.cpp" line="+106"/>
        <source>(absent)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>## Metadata diff: %1 vs %2</source>
        <translation>## Metadatenvergleich: %1 vs. %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>**Differences found**</source>
        <translation>**Unterschiede gefunden**</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded MCPs: %1</source>
        <translation>aufgezeichnete MCPs: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replayed MCPs: %1</source>
        <translation>wiedergegebene MCPs: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>preset %1</source>
        <translation>Voreinstellung %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>strict counts</source>
        <translation>strenger Anzahlvergleich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>systemMetadata compared</source>
        <translation>systemMetadata verglichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>| | added | removed | changed |</source>
        <translation>| | hinzugefügt | entfernt | geändert |</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>| URNs | %1 | %2 | |</source>
        <translation>| URNs | %1 | %2 | |</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>| Aspects | %1 | %2 | %3 |</source>
        <translation>| Aspekte | %1 | %2 | %3 |</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 URNs and %2 URN/aspect pairs compared; %3 values identical.</source>
        <translation>%1 URNs und %2 URN/Aspekt-Paare verglichen; %3 Werte identisch.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>### URNs only in the replay</source>
        <translation>### URNs nur in der Wiedergabe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>### URNs only in the recording</source>
        <translation>### URNs nur in der Aufzeichnung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>### Aspects</source>
        <translation>### Aspekte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(extra copy)</source>
        <translation>(zusätzliche Kopie)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  | path | recorded | replayed |</source>
        <translation>  | Pfad | aufgezeichnet | wiedergegeben |</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>### Repeated emissions (not differences)</source>
        <translation>### Mehrfach gesendet (keine Unterschiede)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1× recorded, %2× replayed</source>
        <translation>%1× aufgezeichnet, %2× wiedergegeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>### Ignore rules that matched nothing</source>
        <translation>### Ignorierregeln ohne Treffer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>### Warnings</source>
        <translation>### Warnungen</translation>
    </message>
</context>
<context>
    <name>EntryName</name>
    <message>
        <location filename="../core/archive/entryname.cpp" line="+14"/>
        <source>the entry name is empty</source>
        <translation>der Eintragsname ist leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the entry name is an absolute path</source>
        <translation>der Eintragsname ist ein absoluter Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the entry name starts with a drive letter</source>
        <translation>der Eintragsname beginnt mit einem Laufwerksbuchstaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the entry name contains a backslash</source>
        <translation>der Eintragsname enthält einen Backslash</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the entry name contains a control character</source>
        <translation>der Eintragsname enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the entry name contains an empty path segment</source>
        <translation>der Eintragsname enthält ein leeres Pfadsegment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the entry name contains a &quot;%1&quot; segment</source>
        <translation>der Eintragsname enthält ein „%1“-Segment</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the name &quot;%1&quot; appears twice (duplicate entry names)</source>
        <translation>der Name „%1“ kommt zweimal vor (doppelte Eintragsnamen)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is a file, but &quot;%2&quot; uses it as a folder</source>
        <translation>„%1“ ist eine Datei, aber „%2“ verwendet sie als Ordner</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../ui/errortext.cpp" line="+11"/>
        <source>%1 could not be unlocked</source>
        <translation>%1 konnte nicht entsperrt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is damaged or not a DataHub recording</source>
        <translation>%1 ist beschädigt oder keine DataHub-Aufzeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 could not be read</source>
        <translation>%1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening %1 was cancelled</source>
        <translation>Das Öffnen von %1 wurde abgebrochen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be opened</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>EventHeading</name>
    <message>
        <location filename="../core/recording/eventpresentation.cpp" line="+58"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MCP</source>
        <translation>MCP</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Event %1 · %2 %3 of %4</source>
        <translation>Ereignis %1 · %2 %3 von %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
</context>
<context>
    <name>ExtractionLimits</name>
    <message>
        <location filename="../core/archive/extractionlimits.cpp" line="+15"/>
        <source>%1: entry &quot;%2&quot; would expand to %3, over the per-entry limit of %4 (raise it with --max-entry-size if you trust the archive)</source>
        <translation>%1: Eintrag „%2“ würde entpackt %3 groß und überschreitet damit die Grenze pro Eintrag von %4 (mit --max-entry-size anheben, wenn Sie dem Archiv vertrauen)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: entry &quot;%2&quot; expands %3 times (%4 from %5), over the ratio limit of %6 (a decompression bomb? raise it with --max-ratio if you trust the archive)</source>
        <translation>%1: Eintrag „%2“ wächst beim Entpacken auf das %3-Fache (%4 aus %5) und überschreitet damit die Verhältnisgrenze von %6 (eine Dekompressionsbombe? Mit --max-ratio anheben, wenn Sie dem Archiv vertrauen)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the entries would expand to more than the total limit of %2 (raise it with --max-total-size if you trust the archive)</source>
        <translation>%1: die Einträge würden entpackt die Gesamtgrenze von %2 überschreiten (mit --max-total-size anheben, wenn Sie dem Archiv vertrauen)</translation>
    </message>
</context>
<context>
    <name>Extractor</name>
    <message>
        <location filename="../core/archive/extractor.cpp" line="+60"/>
        <location line="+304"/>
        <source>%1 exists and is not a folder</source>
        <translation>%1 existiert und ist kein Ordner</translation>
    </message>
    <message>
        <location line="-286"/>
        <source>the folder %1 could not be created: %2</source>
        <translation>der Ordner %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>a staging folder could not be created in %1: %2</source>
        <translation>in %1 konnte kein Zwischenordner angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+316"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>%1 is a folder and cannot be replaced by a file; nothing was extracted</source>
        <translation>%1 ist ein Ordner und kann nicht durch eine Datei ersetzt werden; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a folder for replaced files could not be created in %1: %2</source>
        <translation>in %1 konnte kein Ordner für ersetzte Dateien angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 could not be replaced: %2</source>
        <translation>%1 konnte nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1; nothing was changed</source>
        <translation>%1; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; %2 could not be put back: the replaced files are in %3</source>
        <translation>%1; Folgendes konnte nicht wiederhergestellt werden: %2 – die ersetzten Dateien liegen in %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: entry &quot;%2&quot; is refused: %3</source>
        <translation>%1: Eintrag „%2“ wird abgelehnt: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: entry &quot;%2&quot; is a symbolic link; links are never extracted</source>
        <translation>%1: Eintrag „%2“ ist ein symbolischer Link; Links werden nie entpackt</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>the empty folder %1 could not be replaced: %2</source>
        <translation>der leere Ordner %1 konnte nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>%1 already exists and is not empty; use --force to overwrite its files</source>
        <translation>%1 existiert bereits und ist nicht leer; mit --force werden die Dateien darin überschrieben</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has no manifest.json, so it is not a DataHub recording; nothing was extracted</source>
        <translation>%1 hat keine manifest.json und ist daher keine DataHub-Aufzeichnung; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+134"/>
        <source>%1; nothing was extracted</source>
        <translation>%1; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cancelled; nothing was extracted</source>
        <translation>abgebrochen; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: checksum mismatch for %2; nothing was extracted (use --ignore-checksums to extract anyway)</source>
        <translation>%1: Prüfsumme von %2 stimmt nicht; es wurde nichts entpackt (mit --ignore-checksums trotzdem entpacken)</translation>
    </message>
    <message>
        <location line="-155"/>
        <location line="+176"/>
        <source>%1 could not be moved into place: %2</source>
        <translation>%1 konnte nicht an den Zielort verschoben werden: %2</translation>
    </message>
</context>
<context>
    <name>FileReader</name>
    <message>
        <location filename="../core/common/filereader.cpp" line="+65"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 could not be read completely: %2</source>
        <translation>%1 konnte nicht vollständig gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>FilterExpression</name>
    <message>
        <location filename="../core/recording/filterexpression.cpp" line="+907"/>
        <location line="+236"/>
        <source>unexpected &quot;)&quot;: there is no &quot;(&quot; for it to close</source>
        <translation>unerwartetes „)“: Es gibt kein passendes „(“</translation>
    </message>
    <message>
        <location line="-215"/>
        <location line="+83"/>
        <location line="+46"/>
        <location line="+65"/>
        <location line="+20"/>
        <location line="+6"/>
        <source>a term</source>
        <translation>ein Suchbegriff</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>expected a term right after &quot;-&quot; (write -term, without a space)</source>
        <translation>Suchbegriff direkt nach „-“ erwartet (schreiben Sie -Begriff, ohne Leerzeichen)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unterminated quoted string: expected a closing &apos;&quot;&apos;</source>
        <translation>nicht abgeschlossener Text in Anführungszeichen: schließendes &apos;&quot;&apos; erwartet</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the end of the filter</source>
        <translation>das Ende des Filters</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>expected a term after &quot;%1&quot;, found %2</source>
        <translation>Suchbegriff nach „%1“ erwartet, aber %2 gefunden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a shallower expression</source>
        <translation>ein weniger tief verschachtelter Ausdruck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (each &quot;(&quot;, &quot;-&quot; and &quot;not&quot; is one)</source>
        <translation>%1 (jedes „(“, „-“ und „not“ zählt als eine Ebene)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>expected a term before &quot;%1&quot;</source>
        <translation>Suchbegriff vor „%1“ erwartet</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>expected a term inside the parentheses</source>
        <translation>Suchbegriff innerhalb der Klammern erwartet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unbalanced &quot;(&quot;: expected a &quot;)&quot; to close it, found %1</source>
        <translation>nicht geschlossenes „(“: „)“ erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected a term, found %1</source>
        <translation>Suchbegriff erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>unknown field &quot;%1&quot;; did you mean &quot;%2&quot;?</source>
        <translation>unbekanntes Feld „%1“; meinten Sie „%2“?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown field &quot;%1&quot;; expected one of %2 (put the word in quotes to search for it as text)</source>
        <translation>unbekanntes Feld „%1“; erwartet wird eines von %2 (setzen Sie das Wort in Anführungszeichen, um danach als Text zu suchen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a field name</source>
        <translation>ein Feldname</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+54"/>
        <location line="+3"/>
        <location line="+16"/>
        <location line="+328"/>
        <source>a value</source>
        <translation>ein Wert</translation>
    </message>
    <message>
        <location line="-400"/>
        <source>expected a value after &quot;%1:&quot;</source>
        <translation>Wert nach „%1:“ erwartet</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>expected a value before &quot;,&quot;</source>
        <translation>Wert vor „,“ erwartet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected a value after &quot;,&quot;</source>
        <translation>Wert nach „,“ erwartet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected a non-empty value after &quot;%1:&quot;</source>
        <translation>nicht leerer Wert nach „%1:“ erwartet</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>http, sql or mcp</source>
        <translation>http, sql oder mcp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected http, sql or mcp after &quot;%1:&quot;, found &quot;%2&quot;</source>
        <translation>http, sql oder mcp nach „%1:“ erwartet, aber „%2“ gefunden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a replay outcome</source>
        <translation>ein Wiedergabe-Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected a replay outcome after &quot;%1:&quot; (%2 or *), found &quot;%3&quot;</source>
        <translation>Wiedergabe-Ergebnis nach „%1:“ erwartet (%2 oder *), aber „%3“ gefunden</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>some text</source>
        <translation>ein Suchtext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty quoted text: expected some text to search for</source>
        <translation>leerer Text in Anführungszeichen: Suchtext erwartet</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>a status code</source>
        <translation>ein Statuscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a count</source>
        <translation>eine Anzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a sequence number</source>
        <translation>eine Sequenznummer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected a status code such as 404, &gt;=400, 400..499 or 4xx, found &quot;%1&quot;</source>
        <translation>Statuscode wie 404, &gt;=400, 400..499 oder 4xx erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected a count such as 0, &gt;=1 or 2..5, found &quot;%1&quot;</source>
        <translation>Anzahl wie 0, &gt;=1 oder 2..5 erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a sequence number such as 42, &gt;=100 or 10..20, found &quot;%1&quot;</source>
        <translation>Sequenznummer wie 42, &gt;=100 oder 10..20 erwartet, aber „%1“ gefunden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected a number after &quot;%1&quot;</source>
        <translation>Zahl nach „%1“ erwartet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the number &quot;%1&quot; is too large</source>
        <translation>die Zahl „%1“ ist zu groß</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;!=&quot; is not supported; write -%1:%2 to leave a value out</source>
        <translation>„!=“ wird nicht unterstützt; schreiben Sie -%1:%2, um einen Wert auszuschließen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>the range &quot;%1&quot; is empty: its lower bound is above its upper bound</source>
        <translation>der Bereich „%1“ ist leer: Seine Untergrenze liegt über seiner Obergrenze</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>a character after &quot;\&quot;</source>
        <translation>ein Zeichen nach „\“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a regular expression cannot end in a single backslash: write \\ for a backslash</source>
        <translation>ein regulärer Ausdruck kann nicht auf einen einzelnen Backslash enden: Schreiben Sie \\ für einen Backslash</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a regular expression</source>
        <translation>ein regulärer Ausdruck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected a regular expression after &quot;~&quot;</source>
        <translation>regulärer Ausdruck nach „~“ erwartet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a valid regular expression</source>
        <translation>ein gültiger regulärer Ausdruck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid regular expression: %1</source>
        <translation>ungültiger regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>expected a value after &quot;=&quot;</source>
        <translation>Wert nach „=“ erwartet</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>invalid filter at column %1: %2</source>
        <translation>ungültiger Filter in Spalte %1: %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>a regular expression that needs fewer steps</source>
        <translation>ein regulärer Ausdruck, der weniger Schritte braucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 gave up on event %2: its regular expression needs %3 there; nested repetition such as (a+)+ is the usual cause</source>
        <translation>%1 hat bei Ereignis %2 aufgegeben: Der reguläre Ausdruck braucht dort %3; meist ist verschachtelte Wiederholung wie (a+)+ die Ursache</translation>
    </message>
</context>
<context>
    <name>HarWriter</name>
    <message>
        <location filename="../core/recording/harwriter.cpp" line="+287"/>
        <source>the HAR has already been started</source>
        <translation>die HAR-Datei wurde bereits begonnen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>there is no event %1</source>
        <translation>es gibt kein Ereignis %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event %1 is not an HTTP event</source>
        <translation>Ereignis %1 ist kein HTTP-Ereignis</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the interaction could not be re-read: %1</source>
        <translation>die Interaktion konnte nicht erneut gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>entries can only be added between begin() and finish()</source>
        <translation>Einträge können nur zwischen begin() und finish() hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the HAR is not open</source>
        <translation>die HAR-Datei ist nicht geöffnet</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>the body is kept as recorded: it does not decode as %1 (%2)</source>
        <translation>der Body bleibt wie aufgezeichnet: Er lässt sich nicht als %1 dekodieren (%2)</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>the HAR could not be written: %1</source>
        <translation>die HAR-Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>HttpExchange</name>
    <message>
        <location filename="../core/recording/httpexchange.cpp" line="+99"/>
        <source>zlib could not be initialised</source>
        <translation>zlib konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>the body does not decode (%1)</source>
        <translation>der Body lässt sich nicht dekodieren (%1)</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>truncated stream</source>
        <translation>abgeschnittener Datenstrom</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>brotli could not be initialised</source>
        <translation>brotli konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>brotli</source>
        <translation>brotli</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>brotli, truncated stream</source>
        <translation>brotli, abgeschnittener Datenstrom</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>the decoded body is larger than %1 (all Content-Encoding layers together)</source>
        <translation>der dekodierte Body ist größer als %1 (alle Content-Encoding-Schichten zusammen)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>the body is encoded more than %1 times (Content-Encoding: %2)</source>
        <translation>der Body ist mehr als %1-mal kodiert (Content-Encoding: %2)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>the content encoding &quot;%1&quot; is not supported</source>
        <translation>das Content-Encoding „%1“ wird nicht unterstützt</translation>
    </message>
</context>
<context>
    <name>HttpPresentation</name>
    <message>
        <location filename="../core/recording/eventpresentation.cpp" line="+32"/>
        <source>no response recorded</source>
        <translation>keine Antwort aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>IgnoreMatcher</name>
    <message>
        <location filename="../core/diff/ignorematcher.cpp" line="+324"/>
        <source>the ignore rule &quot;%1&quot; gave up on %2: its regular expression needs %3 there</source>
        <translation>die Ignorierregel „%1“ hat bei %2 aufgegeben: Ihr regulärer Ausdruck braucht dort %3</translation>
    </message>
</context>
<context>
    <name>IgnoreRule</name>
    <message>
        <location filename="../core/diff/ignorerule.cpp" line="+39"/>
        <source>a path starts with root</source>
        <translation>ein Pfad muss mit root beginnen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>unexpected &apos;%1&apos;</source>
        <translation>unerwartetes &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1 at character %2</source>
        <translation>%1 bei Zeichen %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>JSON has no attributes: write [&apos;%1&apos;]</source>
        <translation>JSON hat keine Attribute: Schreiben Sie [&apos;%1&apos;]</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>expected a name after &apos;.&apos;</source>
        <translation>Name nach &apos;.&apos; erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown attribute .%1 (DeepDiff&apos;s are .aspect, .change_type, .urn and .aspect_name)</source>
        <translation>unbekanntes Attribut .%1 (DeepDiff kennt .aspect, .change_type, .urn und .aspect_name)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the path ends inside [ ]</source>
        <translation>der Pfad endet innerhalb von [ ]</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the index is too large</source>
        <translation>der Index ist zu groß</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected a quoted key, an index, * or ** inside [ ]</source>
        <translation>Schlüssel in Anführungszeichen, Index, * oder ** innerhalb von [ ] erwartet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected &apos;]&apos;</source>
        <translation>&apos;]&apos; erwartet</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the quoted key is not closed</source>
        <translation>der Schlüssel in Anführungszeichen ist nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&quot;%1&quot; is not a path: %2</source>
        <translation>„%1“ ist kein Pfad: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&quot;%1&quot; is not a valid regular expression: %2 at character %3</source>
        <translation>„%1“ ist kein gültiger regulärer Ausdruck: %2 bei Zeichen %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1, and not a regular expression either (%2)</source>
        <translation>%1, und auch kein regulärer Ausdruck (%2)</translation>
    </message>
</context>
<context>
    <name>IgnoreSuggestions</name>
    <message>
        <location filename="../core/diff/ignoresuggestions.cpp" line="+25"/>
        <source>exactly here</source>
        <translation>genau hier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at any list position</source>
        <translation>an jeder Listenposition</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at any depth</source>
        <translation>in jeder Tiefe</translation>
    </message>
</context>
<context>
    <name>IniFile</name>
    <message>
        <location filename="../core/storage/inifile.cpp" line="+69"/>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 is not a regular file.</source>
        <translation>%1 ist keine reguläre Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is larger than 16 MiB: not an AWS configuration file.</source>
        <translation>%1 ist größer als 16 MiB: keine AWS-Konfigurationsdatei.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not UTF-8 text.</source>
        <translation>%1 ist kein UTF-8-Text.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1: the section [%2] appears a second time (first on line %3).</source>
        <translation>%1: der Abschnitt [%2] kommt ein zweites Mal vor (zuerst in Zeile %3).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: a line before the first [section] header.</source>
        <translation>%1: eine Zeile vor der ersten [Abschnitt]-Überschrift.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: neither a [section], a comment nor a &quot;name = value&quot; line.</source>
        <translation>%1: weder ein [Abschnitt] noch ein Kommentar noch eine Zeile der Form „Name = Wert“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: &quot;%2&quot; is set a second time in [%3] (first on line %4).</source>
        <translation>%1: „%2“ wird in [%3] ein zweites Mal gesetzt (zuerst in Zeile %4).</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1: &quot;%2&quot; in the &quot;%3&quot; block is not a &quot;name = value&quot; line.</source>
        <translation>%1: „%2“ im Block „%3“ ist keine Zeile der Form „Name = Wert“.</translation>
    </message>
</context>
<context>
    <name>JsonSyntax</name>
    <message>
        <location filename="../core/common/jsonstring.cpp" line="+119"/>
        <source>the data ends where a value should be</source>
        <translation>die Daten enden, wo ein Wert stehen sollte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data ends inside an object</source>
        <translation>die Daten enden innerhalb eines Objekts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data ends inside an array</source>
        <translation>die Daten enden innerhalb eines Arrays</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected &apos;:&apos; but found %1</source>
        <translation>&apos;:&apos; erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected &apos;,&apos; or &apos;]&apos; but found %1</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected &apos;,&apos; or &apos;}&apos; but found %1</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected %1</source>
        <translation>unerwartet: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the string starting here is not terminated</source>
        <translation>die hier beginnende Zeichenkette ist nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid \u escape in a string</source>
        <translation>ungültige \u-Escape-Sequenz in einer Zeichenkette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid escape \%1 in a string</source>
        <translation>ungültige Escape-Sequenz \%1 in einer Zeichenkette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>control character %1 in a string</source>
        <translation>Steuerzeichen %1 in einer Zeichenkette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number needs digits after &apos;.&apos;</source>
        <translation>eine Zahl braucht Ziffern nach &apos;.&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number needs digits in its exponent</source>
        <translation>eine Zahl braucht Ziffern im Exponenten</translation>
    </message>
</context>
<context>
    <name>JsonValue</name>
    <message>
        <location filename="../core/common/jsonvalue.cpp" line="+116"/>
        <source>unexpected UTF-8 byte order mark</source>
        <translation>unerwartete UTF-8-Bytereihenfolgemarkierung (BOM)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>extra data after the JSON value, found %1</source>
        <translation>zusätzliche Daten nach dem JSON-Wert: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the end of the text</source>
        <translation>das Ende des Texts</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>byte 0x%1</source>
        <translation>Byte 0x%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+55"/>
        <source>expected a value, found %1</source>
        <translation>Wert erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>expected a value, found the end of the text</source>
        <translation>Wert erwartet, aber das Ende des Texts erreicht</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>expected a digit after &apos;-&apos;, found %1</source>
        <translation>Ziffer nach &apos;-&apos; erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>expected a digit after the decimal point, found %1</source>
        <translation>Ziffer nach dem Dezimalpunkt erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected a digit in the exponent, found %1</source>
        <translation>Ziffer im Exponenten erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+28"/>
        <source>unterminated string (no closing quote)</source>
        <translation>nicht abgeschlossene Zeichenkette (kein schließendes Anführungszeichen)</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>control character %1 in a string (it must be escaped)</source>
        <translation>Steuerzeichen %1 in einer Zeichenkette (es muss maskiert werden)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>expected four hex digits after \u, found %1</source>
        <translation>vier Hexadezimalziffern nach \u erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>invalid escape %1 in a string</source>
        <translation>ungültige Escape-Sequenz %1 in einer Zeichenkette</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>expected &apos;,&apos; or &apos;]&apos;, found %1</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>expected a member name in double quotes, found %1</source>
        <translation>Schlüssel in doppelten Anführungszeichen erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected &apos;:&apos; after the member name, found %1</source>
        <translation>&apos;:&apos; nach dem Schlüssel erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+41"/>
        <source>expected &apos;,&apos; or &apos;}&apos;, found %1</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet, aber %1 gefunden</translation>
    </message>
</context>
<context>
    <name>LimitedRegex</name>
    <message>
        <location filename="../core/common/limitedregex.cpp" line="+73"/>
        <source>more than %1 steps (the match limit)</source>
        <translation>mehr als %1 Schritte (die Obergrenze für einen Musterabgleich)</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <location filename="../core/archive/manifest.cpp" line="+25"/>
        <source>&quot;%1&quot; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+6"/>
        <source>%1 is not valid JSON (%2: %3)</source>
        <translation>%1 ist kein gültiges JSON (%2: %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not hold a JSON object</source>
        <translation>%1 enthält kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the manifest has no run_id</source>
        <translation>das Manifest hat keine run_id</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>format_version %1 is newer than this Tapedeck knows (1.x)</source>
        <translation>format_version %1 ist neuer als die Versionen, die dieses Tapedeck kennt (1.x)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the checksum of %1 is not a SHA-256 digest</source>
        <translation>die Prüfsumme von %1 ist kein SHA-256-Hashwert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;checksums&quot; is not an object</source>
        <translation>„checksums“ ist kein Objekt</translation>
    </message>
</context>
<context>
    <name>McpExtractor</name>
    <message>
        <location filename="../core/recording/mcpextractor.cpp" line="+85"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>unexpected %1 after the JSON value</source>
        <translation>unerwartetes Zeichen %1 nach dem JSON-Wert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a &quot;key&quot; but found %1</source>
        <translation>Schlüssel in Anführungszeichen erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+622"/>
        <location line="+29"/>
        <location line="+169"/>
        <location line="+21"/>
        <location line="+48"/>
        <source>%1 is not a JSON object</source>
        <translation>%1 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>%1 could not be read (%2)</source>
        <translation>%1 konnte nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;%1&quot; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the entity is identified by its key aspect only, not by an entityUrn</source>
        <translation>die Entität wird nur über ihren Schlüsselaspekt identifiziert, nicht über eine entityUrn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no entityUrn</source>
        <translation>es gibt keine entityUrn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>there is no entityType</source>
        <translation>es gibt keinen entityType</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>there is no changeType</source>
        <translation>es gibt keinen changeType</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>there is an aspect but no aspectName</source>
        <translation>es gibt einen Aspekt, aber keinen aspectName</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the aspect is not a JSON object</source>
        <translation>der Aspekt ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the aspect has neither &quot;value&quot; nor &quot;json&quot;</source>
        <translation>der Aspekt hat weder „value“ noch „json“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the aspect&apos;s content type is %1, not JSON</source>
        <translation>der Inhaltstyp des Aspekts ist %1, nicht JSON</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the aspect value is JSON, not a string holding JSON text</source>
        <translation>der Aspektwert ist JSON, keine Zeichenkette mit JSON-Text</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the aspect value is not valid JSON (%1); it is kept as text</source>
        <translation>der Aspektwert ist kein gültiges JSON (%1); er wird als Text beibehalten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: the snapshot is not a JSON object</source>
        <translation>%1: der Snapshot ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the snapshot is empty</source>
        <translation>%1: der Snapshot ist leer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the snapshot holds %2 snapshot types; only the first is read</source>
        <translation>%1: der Snapshot enthält %2 Snapshot-Typen; nur der erste wird gelesen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 is not a JSON object</source>
        <translation>%1: %2 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the snapshot has no urn</source>
        <translation>der Snapshot hat keine urn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the snapshot of %2 has no &quot;aspects&quot; list</source>
        <translation>%1: der Snapshot von %2 hat keine „aspects“-Liste</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: aspect %2 of %3 is not an object with one aspect type</source>
        <translation>%1: Aspekt %2 von %3 ist kein Objekt mit genau einem Aspekttyp</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 has no &quot;entity&quot; object</source>
        <translation>%1 hat kein „entity“-Objekt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the entity has no &quot;value&quot;</source>
        <translation>%1: die Entität hat keinen „value“</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the usage bucket has no resource</source>
        <translation>der Nutzungs-Bucket hat keine resource</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>there is no urn</source>
        <translation>es gibt keine urn</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the aspect entry is not a JSON object</source>
        <translation>der Aspekteintrag ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the aspect entry has no &quot;value&quot;</source>
        <translation>der Aspekteintrag hat keinen „value“</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 carries no aspect</source>
        <translation>%1 enthält keinen Aspekt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 is neither an MCP nor an MCE</source>
        <translation>%1 ist weder ein MCP noch ein MCE</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>; the record before the fault was read</source>
        <translation>; der Datensatz vor dem Fehler wurde gelesen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>; the %n records before the fault were read</source>
        <translation>
            <numerusform>; der %n Datensatz vor dem Fehler wurde gelesen</numerusform>
            <numerusform>; die %n Datensätze vor dem Fehler wurden gelesen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the request has an empty body</source>
        <translation>die Anfrage hat einen leeren Body</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+40"/>
        <source>the request body is not a JSON object</source>
        <translation>der Anfrage-Body ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>proposal %1</source>
        <translation>Proposal %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>usage bucket %1</source>
        <translation>Nutzungs-Bucket %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the request body has no &quot;%1&quot; list</source>
        <translation>der Anfrage-Body hat keine „%1“-Liste</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>item %1</source>
        <translation>Element %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+17"/>
        <source>the request body</source>
        <translation>der Anfrage-Body</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>the request body is neither a JSON array nor an object</source>
        <translation>der Anfrage-Body ist weder ein JSON-Array noch ein Objekt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the request body has no &quot;%1&quot;</source>
        <translation>der Anfrage-Body hat kein „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the proposal</source>
        <translation>das Proposal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;urn&quot; is not a string</source>
        <translation>„urn“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the request body is not valid JSON (%1)</source>
        <translation>der Anfrage-Body ist kein gültiges JSON (%1)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: record %2</source>
        <translation>%1: Datensatz %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not valid JSON (%2)</source>
        <translation>%1 ist kein gültiges JSON (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: data after the closing &apos;]&apos; at %2 was ignored</source>
        <translation>%1: Daten nach dem schließenden &apos;]&apos; in %2 wurden ignoriert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is neither a JSON array nor JSON lines (%2: unexpected %3)</source>
        <translation>%1 ist weder ein JSON-Array noch JSON Lines (%2: unerwartetes Zeichen %3)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: record %2 (%3)</source>
        <translation>%1: Datensatz %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 holds no JSON object</source>
        <translation>%1: kein JSON-Objekt in %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2; the line was skipped</source>
        <translation>%1: %2; die Zeile wurde übersprungen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: 1 line could not be read</source>
        <translation>%1: 1 Zeile konnte nicht gelesen werden</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1: %n lines could not be read</source>
        <translation>
            <numerusform>%1: %n Zeile konnte nicht gelesen werden</numerusform>
            <numerusform>%1: %n Zeilen konnten nicht gelesen werden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not valid JSON (%1)</source>
        <translation>kein gültiges JSON (%1)</translation>
    </message>
</context>
<context>
    <name>McpPresentation</name>
    <message>
        <location filename="../core/recording/eventpresentation.cpp" line="+75"/>
        <source>RESTli proposal</source>
        <translation>RESTli-Proposal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MCE snapshot aspect</source>
        <translation>Aspekt eines MCE-Snapshots</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenAPI v3 item</source>
        <translation>OpenAPI-v3-Element</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>usage bucket</source>
        <translation>Nutzungs-Bucket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file-sink MCP</source>
        <translation>MCP der Datei-Senke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file-sink MCE aspect</source>
        <translation>MCE-Aspekt der Datei-Senke</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>event %1: %2 %3, MCP %4 of %5</source>
        <translation>Ereignis %1: %2 %3, MCP %4 von %5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 of %2 in the file</source>
        <translation>%1 von %2 in der Datei</translation>
    </message>
</context>
<context>
    <name>McpScanner</name>
    <message>
        <location filename="../core/diff/mcpscanner.cpp" line="+100"/>
        <source>the end of the data</source>
        <translation>das Ende der Daten</translation>
    </message>
    <message>
        <location line="+310"/>
        <location line="+422"/>
        <location line="+42"/>
        <source>expected a &quot;key&quot; but found %1</source>
        <translation>Schlüssel in Anführungszeichen erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>%1: %2 of %3: %4</source>
        <translation>%1: %2 von %3: %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the MCP</source>
        <translation>das MCP</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1: record %2 is an empty object</source>
        <translation>%1: Datensatz %2 ist ein leeres Objekt</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>%1: record %2</source>
        <translation>%1: Datensatz %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 holds no MCP</source>
        <translation>%1 enthält kein MCP</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 is not valid JSON (%2: %3)</source>
        <translation>%1 ist kein gültiges JSON (%2: %3)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Reading %1 was cancelled.</source>
        <translation>Das Lesen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>%1: record %2 (%3) is not a JSON object</source>
        <translation>%1: Datensatz %2 (%3) ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>unexpected %1 after the closing &apos;]&apos;</source>
        <translation>unerwartetes Zeichen %1 nach dem schließenden &apos;]&apos;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected a JSON array or JSON lines of objects but found %1</source>
        <translation>JSON-Array oder JSON Lines mit Objekten erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected a JSON object but found %1</source>
        <translation>JSON-Objekt erwartet, aber %1 gefunden</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unexpected data after the JSON value</source>
        <translation>unerwartete Daten nach dem JSON-Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MetadataDiff</name>
    <message>
        <location filename="../core/diff/metadatadiff.cpp" line="+493"/>
        <source>The comparison was cancelled.</source>
        <translation>Der Vergleich wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Only the values of the first %1 differences are kept for display.</source>
        <translation>Nur die Werte der ersten %1 Unterschiede werden für die Anzeige behalten.</translation>
    </message>
</context>
<context>
    <name>MockHttpServer</name>
    <message>
        <location filename="../core/replay/mockhttpserver.cpp" line="+592"/>
        <source>%1 is not a loopback address: the mock layer listens on loopback only</source>
        <translation>%1 ist keine Loopback-Adresse: die Mock-Schicht lauscht nur auf Loopback</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>kann auf %1 Port %2 nicht lauschen: %3</translation>
    </message>
</context>
<context>
    <name>Nesting</name>
    <message>
        <location filename="../core/common/nesting.h" line="+23"/>
        <source>nesting deeper than %1 levels</source>
        <translation>Verschachtelung tiefer als %1 Ebenen</translation>
    </message>
</context>
<context>
    <name>Packer</name>
    <message>
        <location filename="../core/archive/packer.cpp" line="+52"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password is needed to create an encrypted archive</source>
        <translation>für ein verschlüsseltes Archiv wird ein Passwort benötigt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is a symbolic link; recordings hold regular files only</source>
        <translation>%1 ist ein symbolischer Link; Aufzeichnungen enthalten nur reguläre Dateien</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is %2; recordings hold regular files only</source>
        <translation>%1 ist %2; Aufzeichnungen enthalten nur reguläre Dateien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be stored: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has no manifest.json; pack expects an extracted recording</source>
        <translation>%1 hat keine manifest.json; pack erwartet eine entpackte Aufzeichnung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is implausibly large</source>
        <translation>%1 ist unplausibel groß</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 already exists; use --force to replace it</source>
        <translation>%1 existiert bereits; mit --force wird es ersetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a folder</source>
        <translation>%1 ist ein Ordner</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be written (%2): %3</source>
        <translation>%1 konnte nicht geschrieben werden (%2): %3</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closing</source>
        <translation>beim Schließen</translation>
    </message>
</context>
<context>
    <name>PasswordSources</name>
    <message>
        <location filename="../core/archive/passwordsources.cpp" line="+35"/>
        <location line="+7"/>
        <location line="+15"/>
        <location line="+13"/>
        <source>the password file %1 could not be read: %2</source>
        <translation>die Passwortdatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>the password file %1 is a folder</source>
        <translation>die Passwortdatei %1 ist ein Ordner</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>no password line arrived from %1 within %n seconds</source>
        <translation>
            <numerusform>aus %1 kam innerhalb von %n Sekunde keine Passwortzeile</numerusform>
            <numerusform>aus %1 kam innerhalb von %n Sekunden keine Passwortzeile</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the first line of the password file %1 is longer than %2 bytes; it is not a password</source>
        <translation>die erste Zeile der Passwortdatei %1 ist länger als %2 Bytes; das ist kein Passwort</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the password file %1 is empty</source>
        <translation>die Passwortdatei %1 ist leer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--password</source>
        <translation>--password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--password-file</source>
        <translation>--password-file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>prompt</source>
        <translation>Eingabeaufforderung</translation>
    </message>
</context>
<context>
    <name>PgProtocol</name>
    <message>
        <location filename="../core/replay/pgprotocol.cpp" line="+43"/>
        <source>invalid length of startup packet: %1 bytes (at most %2)</source>
        <translation>ungültige Länge des Startpakets: %1 Bytes (höchstens %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invalid length of message %1: %2 bytes (at most %3)</source>
        <translation>ungültige Länge der Nachricht %1: %2 Bytes (höchstens %3)</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>the startup packet is too short</source>
        <translation>das Startpaket ist zu kurz</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>an encryption request with %n extra byte(s)</source>
        <translation>
            <numerusform>eine Verschlüsselungsanforderung mit %n überzähligen Byte</numerusform>
            <numerusform>eine Verschlüsselungsanforderung mit %n überzähligen Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a cancel request must be 16 bytes long</source>
        <translation>eine Abbruchanforderung muss 16 Bytes lang sein</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the startup packet does not end with a NUL byte</source>
        <translation>das Startpaket endet nicht mit einem NUL-Byte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the startup packet&apos;s parameters are not terminated</source>
        <translation>die Parameter des Startpakets sind nicht abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the startup packet holds a parameter without a name</source>
        <translation>das Startpaket enthält einen Parameter ohne Namen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>malformed Parse message</source>
        <translation>fehlerhafte Parse-Nachricht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>malformed Bind message (parameter formats)</source>
        <translation>fehlerhafte Bind-Nachricht (Parameterformate)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+27"/>
        <source>unsupported format code: %1</source>
        <translation>nicht unterstützter Formatcode: %1</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>malformed Bind message (parameter values)</source>
        <translation>fehlerhafte Bind-Nachricht (Parameterwerte)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bind message has %1 parameter formats but %2 parameters</source>
        <translation>Bind-Nachricht hat %1 Parameterformate, aber %2 Parameter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>malformed Bind message (value %1 of %2)</source>
        <translation>fehlerhafte Bind-Nachricht (Wert %1 von %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>malformed Bind message (result formats)</source>
        <translation>fehlerhafte Bind-Nachricht (Ergebnisformate)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>malformed Describe or Close message</source>
        <translation>fehlerhafte Describe- oder Close-Nachricht</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>malformed Execute message</source>
        <translation>fehlerhafte Execute-Nachricht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>malformed Query message</source>
        <translation>fehlerhafte Query-Nachricht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>malformed password message</source>
        <translation>fehlerhafte Passwortnachricht</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>malformed SASLInitialResponse message</source>
        <translation>fehlerhafte SASLInitialResponse-Nachricht</translation>
    </message>
</context>
<context>
    <name>PgText</name>
    <message>
        <location filename="../core/replay/pgtext.cpp" line="+945"/>
        <source>The recorded description is not a list; the columns are the rows&apos; keys.</source>
        <translation>Die aufgezeichnete „description“ ist keine Liste; die Spalten sind die Schlüssel der Zeilen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The recorded description has more than %1 columns; the rest are left out.</source>
        <translation>Die aufgezeichnete „description“ hat mehr als %1 Spalten; die übrigen werden weggelassen.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Column %1 of the recorded description is not understood; it is named &quot;%2&quot;.</source>
        <translation>Spalte %1 der aufgezeichneten „description“ ist nicht verständlich; sie heißt „%2“.</translation>
    </message>
</context>
<context>
    <name>QueryLog</name>
    <message>
        <location filename="../core/recording/sqlquery.cpp" line="+136"/>
        <location line="+264"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="-262"/>
        <source>invalid UTF-8 at column %1 (%n malformed sequence(s) shown as U+FFFD)</source>
        <translation>
            <numerusform>ungültiges UTF-8 in Spalte %1 (%n fehlerhafte Sequenz als U+FFFD angezeigt)</numerusform>
            <numerusform>ungültiges UTF-8 in Spalte %1 (%n fehlerhafte Sequenzen als U+FFFD angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&quot;query&quot; is not a string</source>
        <translation>„query“ ist keine Zeichenkette</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%n row(s) of &quot;results&quot; are not objects</source>
        <translation>
            <numerusform>%n Zeile von „results“ ist kein Objekt</numerusform>
            <numerusform>%n Zeilen von „results“ sind keine Objekte</numerusform>
        </translation>
    </message>
    <message>
        <location line="-20"/>
        <source>&quot;results&quot; is not a list</source>
        <translation>„results“ ist keine Liste</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>&quot;%1&quot; is larger than %2 and was not read</source>
        <translation>„%1“ ist größer als %2 und wurde nicht gelesen</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&quot;row_count&quot; is not an integer</source>
        <translation>„row_count“ ist keine Ganzzahl</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;description&quot; is not a list</source>
        <translation>„description“ ist keine Liste</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&quot;error&quot; is not a string</source>
        <translation>„error“ ist keine Zeichenkette</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n other member(s) were not kept (more than %1 together)</source>
        <translation>
            <numerusform>%n weiteres Feld wurde nicht behalten (zusammen mehr als %1)</numerusform>
            <numerusform>%n weitere Felder wurden nicht behalten (zusammen mehr als %1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is missing</source>
        <translation>„%1“ fehlt</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n column(s) of &quot;description&quot; are neither lists nor column texts</source>
        <translation>
            <numerusform>%n Spalte der „description“ ist weder eine Liste noch ein Spaltentext</numerusform>
            <numerusform>%n Spalten der „description“ sind weder Listen noch Spaltentexte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+78"/>
        <source>%1… (%n bytes)</source>
        <translation>
            <numerusform>%1… (%n Byte)</numerusform>
            <numerusform>%1… (%n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: not a JSON object</source>
        <translation>%1: kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: starts with a UTF-8 byte order mark (ignored; DataHub&apos;s reader would reject the first line)</source>
        <translation>%1: beginnt mit einer UTF-8-Bytereihenfolgemarkierung (ignoriert; DataHub würde die erste Zeile beim Einlesen ablehnen)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>reading %1 was cancelled</source>
        <translation>das Lesen von %1 wurde abgebrochen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: the last line is truncated (%2); skipped</source>
        <translation>%1: die letzte Zeile ist abgeschnitten (%2); übersprungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2; line skipped</source>
        <translation>%1: %2; Zeile übersprungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: not a JSON object; line skipped</source>
        <translation>%1: kein JSON-Objekt; Zeile übersprungen</translation>
    </message>
</context>
<context>
    <name>RangeDevice</name>
    <message>
        <location filename="../core/storage/rangedevice.cpp" line="+60"/>
        <source>a ranged read of %1 bytes at offset %2 returned %3 bytes</source>
        <translation>ein Bereichslesevorgang über %1 Bytes an Offset %2 lieferte %3 Bytes</translation>
    </message>
</context>
<context>
    <name>Recipe</name>
    <message>
        <location filename="../core/archive/recipe.cpp" line="+66"/>
        <source>the YAML parser could not be initialised</source>
        <translation>der YAML-Parser konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>%1 expands to more than %2 nodes</source>
        <translation>%1 ergibt mehr als %2 Knoten</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>&lt;complex key&gt;</source>
        <translation>&lt;komplexer Schlüssel&gt;</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>%1: %2 (line %3)</source>
        <translation>%1: %2 (Zeile %3)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 is not valid YAML (line %2, column %3: %4)</source>
        <translation>%1 ist kein gültiges YAML (Zeile %2, Spalte %3: %4)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 uses an undefined alias *%2 (line %3)</source>
        <translation>%1 verwendet einen undefinierten Alias *%2 (Zeile %3)</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <location filename="../core/recording/recording.cpp" line="+104"/>
        <source>%1: entry &quot;%2&quot; is refused: %3</source>
        <translation>%1: Eintrag „%2“ wird abgelehnt: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>symbolic links are not read</source>
        <translation>symbolische Links werden nicht gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: entry &quot;%2&quot; is a symbolic link; links are refused</source>
        <translation>%1: Eintrag „%2“ ist ein symbolischer Link; Links werden abgelehnt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not read</source>
        <translation>%1 wird nicht gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: &quot;%2&quot; is %3, not a regular file; it is not read</source>
        <translation>%1: „%2“ ist %3, keine reguläre Datei, und wird nicht gelesen</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1: checksum mismatch for %2 (the manifest says %3, the content hashes to %4)</source>
        <translation>%1: Prüfsumme von %2 stimmt nicht (laut Manifest %3, der Inhalt ergibt %4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: checksum mismatch for %2 (the manifest says %3, which is not a SHA-256 digest; the content hashes to %4)</source>
        <translation>%1: Prüfsumme von %2 stimmt nicht (laut Manifest %3, was kein SHA-256-Hashwert ist; der Inhalt ergibt %4)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 has no manifest.json, so it is not a DataHub recording or its manifest was lost</source>
        <translation>%1 hat keine manifest.json: Es ist keine DataHub-Aufzeichnung, oder ihr Manifest ist verloren gegangen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: %2 is listed in the manifest but missing</source>
        <translation>%1: %2 ist im Manifest aufgeführt, fehlt aber</translation>
    </message>
</context>
<context>
    <name>RecordingList</name>
    <message>
        <location filename="../core/recording/recordinglist.cpp" line="+164"/>
        <source>%1 has no manifest.json</source>
        <translation>%1 hat keine manifest.json</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+21"/>
        <source>locked (no password given)</source>
        <translation>gesperrt (kein Passwort angegeben)</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>manifest.json is implausibly large</source>
        <translation>manifest.json ist unplausibel groß</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>recipe.yaml is implausibly large</source>
        <translation>recipe.yaml ist unplausibel groß</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>%1 is implausibly large</source>
        <translation>%1 ist unplausibel groß</translation>
    </message>
</context>
<context>
    <name>RecordingLocations</name>
    <message>
        <location filename="../ui/storage/recordinglocations.cpp" line="+78"/>
        <source>Give a folder as an absolute path, or an s3:// address.</source>
        <translation>Geben Sie einen Ordner als absoluten Pfad oder eine s3://-Adresse an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Folder %1</source>
        <translation>Ordner %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default credentials</source>
        <translation>Standard-Zugangsdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>profile &quot;%1&quot;</source>
        <translation>Profil „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>region %1</source>
        <translation>Region %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>endpoint %1</source>
        <translation>Endpunkt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 through %2</source>
        <translation>%1 über %2</translation>
    </message>
</context>
<context>
    <name>RecordingSource</name>
    <message>
        <location filename="../core/recording/recordingsource.cpp" line="+53"/>
        <source>%1 has no entry &quot;%2&quot;</source>
        <translation>%1 hat keinen Eintrag „%2“</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 has no file &quot;%2&quot;</source>
        <translation>%1 enthält keine Datei „%2“</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: &quot;%2&quot; is a symbolic link; links are not followed</source>
        <translation>%1: „%2“ ist ein symbolischer Link; Links wird nicht gefolgt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: &quot;%2&quot; is %3, not a regular file; it is not read</source>
        <translation>%1: „%2“ ist %3, keine reguläre Datei, und wird nicht gelesen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
</context>
<context>
    <name>RegularFile</name>
    <message>
        <location filename="../core/common/regularfile.cpp" line="+18"/>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a FIFO (named pipe)</source>
        <translation>ein FIFO (benannte Pipe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a socket</source>
        <translation>ein Socket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a character device</source>
        <translation>ein zeichenorientiertes Gerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a block device</source>
        <translation>ein blockorientiertes Gerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a symbolic link</source>
        <translation>ein symbolischer Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a special file</source>
        <translation>eine Spezialdatei</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is a symbolic link; links are not followed here</source>
        <translation>%1 ist ein symbolischer Link; Links wird hier nicht gefolgt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is %2, not a regular file</source>
        <translation>%1 ist %2, keine reguläre Datei</translation>
    </message>
</context>
<context>
    <name>ReplayRecipe</name>
    <message>
        <location filename="../core/replay/replayrecipe.cpp" line="+176"/>
        <source>OpenSSL could not make the RSA test key for private_key fields</source>
        <translation>OpenSSL konnte den RSA-Testschlüssel für private_key-Felder nicht erzeugen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: %2 → an RSA test key (PKCS#8 PEM)</source>
        <translation>%1: %2 → ein RSA-Testschlüssel (PKCS#8, PEM)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: the key at line %2 is a mapping or a sequence, which DataHub&apos;s YAML reader refuses</source>
        <translation>%1: der Schlüssel in Zeile %2 ist ein Mapping oder eine Sequenz, was DataHubs YAML-Leser ablehnt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: line %2 merges a mapping in with &quot;&lt;&lt;&quot;, which Tapedeck does not rewrite (DataHub never writes one)</source>
        <translation>%1: Zeile %2 führt mit „&lt;&lt;“ ein Mapping ein, was Tapedeck nicht umschreibt (DataHub schreibt so etwas nie)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1.server: set to %2</source>
        <translation>%1.server: auf %2 gesetzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1.server: %2 → %3</source>
        <translation>%1.server: %2 → %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1.%2: removed (Tapedeck&apos;s GMS endpoint needs no certificate settings)</source>
        <translation>%1.%2: entfernt (Tapedecks GMS-Endpunkt braucht keine Zertifikatseinstellungen)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>sink: added (%1 at %2)</source>
        <translation>sink: hinzugefügt (%1 an %2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>sink: replaced by %1 at %2</source>
        <translation>sink: ersetzt durch %1 an %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sink: %1 replaced by %2 at %3</source>
        <translation>sink: %1 ersetzt durch %2 an %3</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1: host and port → %2</source>
        <translation>%1: Host und Port → %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is no URI with a host Tapedeck could replace; it stays as recorded</source>
        <translation>%1 ist keine URI mit einem Host, den Tapedeck ersetzen könnte; der Wert bleibt wie aufgezeichnet</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>source.config.host_port: set to %1</source>
        <translation>source.config.host_port: auf %1 gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source.config.host_port: %1 → %2</source>
        <translation>source.config.host_port: %1 → %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>source.config.%1 stays as recorded: source type &quot;%2&quot; does not speak the PostgreSQL protocol of Tapedeck&apos;s SQL endpoint</source>
        <translation>source.config.%1 bleibt wie aufgezeichnet: der Quelltyp „%2“ spricht nicht das PostgreSQL-Protokoll von Tapedecks SQL-Endpunkt</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>%1 is not a recipe: its document is a sequence, not a mapping</source>
        <translation>%1 ist kein Rezept: sein Dokument ist eine Sequenz, kein Mapping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a recipe: its document is a scalar, not a mapping</source>
        <translation>%1 ist kein Rezept: sein Dokument ist ein Skalar, kein Mapping</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>the YAML writer could not be initialised</source>
        <translation>der YAML-Schreiber konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the YAML writer failed: %1</source>
        <translation>der YAML-Schreiber ist gescheitert: %1</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>the replay recipe needs Tapedeck&apos;s GMS endpoint as an http or https URL, not &quot;%1&quot;</source>
        <translation>das Replay-Rezept braucht Tapedecks GMS-Endpunkt als http- oder https-URL, nicht „%1“</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is no PostgreSQL host name or address</source>
        <translation>„%1“ ist kein PostgreSQL-Hostname und keine PostgreSQL-Adresse</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>recording: removed</source>
        <translation>recording: entfernt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no source</source>
        <translation>%1 hat keine source</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: source is not a mapping (line %2)</source>
        <translation>%1: source ist kein Mapping (Zeile %2)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>source.config.stateful_ingestion: replaced by {enabled: false}</source>
        <translation>source.config.stateful_ingestion: ersetzt durch {enabled: false}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>source.config has no stateful_ingestion: with pipeline_name and the datahub-rest sink, DataHub turns stateful ingestion on for sources that support it</source>
        <translation>source.config hat kein stateful_ingestion: mit pipeline_name und der datahub-rest-Senke schaltet DataHub die zustandsbehaftete Ingestion für Quellen, die sie unterstützen, selbst ein</translation>
    </message>
</context>
<context>
    <name>ReplayReport</name>
    <message numerus="yes">
        <location filename="../core/replay/replayreport.cpp" line="+141"/>
        <source>Replay of %1 (policy %2): %n request(s)</source>
        <translation>
            <numerusform>Wiedergabe von %1 (Regel %2): %n Anfrage</numerusform>
            <numerusform>Wiedergabe von %1 (Regel %2): %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>→ %1, interaction %2 (served %3×)</source>
        <translation>→ %1, Interaktion %2 (%3× beantwortet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, 1 of %1 recorded with this key</source>
        <translation>, 1 von %1 mit diesem Schlüssel aufgezeichneten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, body not compared</source>
        <translation>, Body nicht verglichen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>→ %1, synthesized GMS answer</source>
        <translation>→ %1, erzeugte GMS-Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→ %1 UNMATCHED</source>
        <translation>→ %1 OHNE TREFFER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>→ UNMATCHED (connection closed)</source>
        <translation>→ OHNE TREFFER (Verbindung geschlossen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>→ %1, edited answer</source>
        <translation>→ %1, bearbeitete Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>→ %1, error chosen by the user</source>
        <translation>→ %1, vom Benutzer gewählter Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>→ closed by the user</source>
        <translation>→ vom Benutzer geschlossen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→ still held</source>
        <translation>→ noch angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+79"/>
        <source>→ the client went away before the answer</source>
        <translation>→ der Client ging vor der Antwort</translation>
    </message>
    <message numerus="yes">
        <location line="-76"/>
        <source>, %n MCP(s)</source>
        <translation>
            <numerusform>, %n MCP</numerusform>
            <numerusform>, %n MCPs</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>         nearest: interaction %1 %2 %3</source>
        <translation>         am nächsten: Interaktion %1 %2 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>           %1: recorded %2, sent %3</source>
        <translation>           %1: aufgezeichnet %2, gesendet %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Requests: %1 matched, %2 synthesized (GMS), %3 unmatched, %4 edited, %5 errored, %6 held, %7 abandoned</source>
        <translation>Anfragen: %1 getroffen, %2 erzeugt (GMS), %3 ohne Treffer, %4 bearbeitet, %5 mit Fehler beantwortet, %6 angehalten, %7 verlassen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recorded interactions: %1, %2 served, %3 never served</source>
        <translation>Aufgezeichnete Interaktionen: %1, %2 beantwortet, %3 nie beantwortet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  unused: interaction %1 (timeline event %2) %3 %4</source>
        <translation>  ungenutzt: Interaktion %1 (Zeitleisten-Ereignis %2) %3 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (a GMS ingest call: the replay&apos;s own were captured)</source>
        <translation> (ein GMS-Ingest-Aufruf: die der Wiedergabe wurden mitgeschnitten)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+54"/>
        <source>  … and %1 more</source>
        <translation>  … und %1 weitere</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Ambiguous keys (one request recorded with several answers; datahub serves the first forever, sequential in order): %1</source>
        <translation>Mehrdeutige Schlüssel (eine Anfrage mit mehreren Antworten aufgezeichnet; datahub liefert immer die erste, sequential der Reihe nach): %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>interactions %1</source>
        <translation>Interaktionen %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order divergence: %1 request(s) served an interaction recorded before one already served</source>
        <translation>Abweichende Reihenfolge: %1 Anfrage(n) bekamen eine Interaktion, die vor einer schon gelieferten aufgezeichnet wurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  request %1 got interaction %2 after interaction %3</source>
        <translation>  Anfrage %1 bekam Interaktion %2 nach Interaktion %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connection from %1: %2</source>
        <translation>Verbindung von %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>SQL at %1: %n statement(s)</source>
        <translation>
            <numerusform>SQL unter %1: %n Anweisung</numerusform>
            <numerusform>SQL unter %1: %n Anweisungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — %1 from the recording, %2 built-in, %3 unmatched</source>
        <translation> — %1 aus der Aufzeichnung, %2 eingebaut, %3 ohne Treffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(text let go to keep memory bounded)</source>
        <translation>(Text verworfen, um den Speicher zu begrenzen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>→ UNMATCHED</source>
        <translation>→ OHNE TREFFER</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>→ %1, built-in</source>
        <translation>→ %1, eingebaut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>→ recorded error</source>
        <translation>→ aufgezeichneter Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, query at line %1 (%2, served %3×)</source>
        <translation>, Abfrage in Zeile %1 (%2, %3× beantwortet)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded queries: %1, %2 served, %3 never served</source>
        <translation>Aufgezeichnete Abfragen: %1, %2 beantwortet, %3 nie beantwortet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  unused: line %1 %2</source>
        <translation>  ungenutzt: Zeile %1 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ambiguous queries: %1 key(s) recorded more than once (DataHub serves the last)</source>
        <translation>Mehrdeutige Abfragen: %1 Schlüssel mehrfach aufgezeichnet (DataHub liefert jeweils die letzte Aufzeichnung)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  lines %1</source>
        <translation>  Zeilen %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PostgreSQL connection from %1: %2</source>
        <translation>PostgreSQL-Verbindung von %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>could not be started: %1</source>
        <translation>konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>was stopped</source>
        <translation>wurde angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>was ended by signal %1</source>
        <translation>wurde durch Signal %1 beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exited with %1</source>
        <translation>endete mit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command %1</source>
        <translation>Befehl %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the recorded run failed too)</source>
        <translation> (der aufgezeichnete Lauf schlug auch fehl)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (the recorded run failed; this one did not)</source>
        <translation> (der aufgezeichnete Lauf schlug fehl, dieser nicht)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replay recipe %1:</source>
        <translation>Wiedergabe-Rezept %1:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  note: %1</source>
        <translation>  Hinweis: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>S3Cache</name>
    <message>
        <location filename="../core/storage/s3cache.cpp" line="+65"/>
        <source>TAPEDECK_S3_CACHE_MAX is &quot;%1&quot;, not a size such as 500M or 20G; the S3 cache keeps up to %2.</source>
        <translation>TAPEDECK_S3_CACHE_MAX ist „%1“, keine Größe wie 500M oder 20G; der S3-Cache behält bis zu %2.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The S3 cache folder &quot;%1&quot; is not an absolute path.</source>
        <translation>Der S3-Cache-Ordner „%1“ ist kein absoluter Pfad.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create the S3 cache folder %1: %2.</source>
        <translation>Der S3-Cache-Ordner %1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot use the S3 cache folder %1: %2.</source>
        <translation>Der S3-Cache-Ordner %1 kann nicht verwendet werden: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The S3 cache folder %1 is a symbolic link; Tapedeck does not follow it. Remove it or point XDG_CACHE_HOME elsewhere.</source>
        <translation>Der S3-Cache-Ordner %1 ist ein symbolischer Link; Tapedeck folgt ihm nicht. Entfernen Sie ihn oder lassen Sie XDG_CACHE_HOME auf einen anderen Ort zeigen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The S3 cache folder %1 is not a folder.</source>
        <translation>Der S3-Cache-Ordner %1 ist kein Ordner.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The S3 cache folder %1 belongs to another user (uid %2); Tapedeck does not use it.</source>
        <translation>Der S3-Cache-Ordner %1 gehört einem anderen Benutzer (uid %2); Tapedeck verwendet ihn nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot make the S3 cache folder %1 private: %2.</source>
        <translation>Der S3-Cache-Ordner %1 kann nicht privat gemacht werden: %2.</translation>
    </message>
</context>
<context>
    <name>S3Client</name>
    <message>
        <location filename="../core/storage/s3client.cpp" line="+77"/>
        <location line="+128"/>
        <source>%1 names a folder, not an object.</source>
        <translation>%1 bezeichnet einen Ordner, kein Objekt.</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>The server sent no size (Content-Length) of %1.</source>
        <translation>Der Server hat keine Größe (Content-Length) für %1 gesendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server sent no ETag for %1.</source>
        <translation>Der Server hat kein ETag für %1 gesendet.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No bucket to list.</source>
        <translation>Kein Bucket zum Auflisten angegeben.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The listing of %1 is larger than %2 MiB a page, which S3 never sends.</source>
        <translation>Die Auflistung von %1 ist größer als %2 MiB pro Seite, was S3 nie sendet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The listing of %1 goes round in circles (a continuation token came back).</source>
        <translation>Die Auflistung von %1 dreht sich im Kreis (ein Fortsetzungstoken kam erneut).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The byte range %1+%2 of %3 is not a range.</source>
        <translation>Der Bytebereich %1+%2 von %3 ist kein Bereich.</translation>
    </message>
    <message>
        <location filename="../core/storage/s3exchange.cpp" line="+94"/>
        <source>The transfer of %1 was cancelled.</source>
        <translation>Die Übertragung von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>no data for %1 s</source>
        <translation>%1 s lang keine Daten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the response ended after %1 of %2 bytes</source>
        <translation>die Antwort endete nach %1 von %2 Bytes</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Gave up after %1 attempts.</source>
        <translation>Nach %1 Versuchen aufgegeben.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot read %1 from %2: %3.</source>
        <translation>%1 kann nicht von %2 gelesen werden: %3.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>S3 refused %1 because this computer&apos;s clock is wrong by more than 15 minutes (%2).</source>
        <translation>S3 hat %1 abgelehnt, weil die Uhr dieses Computers um mehr als 15 Minuten falsch geht (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The bucket of %1 is in the region %2, not %3: use --region %2 (%4).</source>
        <translation>Der Bucket von %1 liegt in der Region %2, nicht in %3: Verwenden Sie --region %2 (%4).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The bucket of %1 must be reached through the endpoint %2, not %3 (%4).</source>
        <translation>Der Bucket von %1 muss über den Endpunkt %2 erreicht werden, nicht über %3 (%4).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 redirects %1 elsewhere: check the region and the endpoint (%2).</source>
        <translation>S3 leitet %1 an einen anderen Ort um: Prüfen Sie Region und Endpunkt (%2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>S3 refused the credentials from %1 for %2 (%3).</source>
        <translation>S3 hat die Zugangsdaten für %2 abgelehnt (%3); Herkunft der Zugangsdaten: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not exist (%2).</source>
        <translation>%1 existiert nicht (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 does not have the bytes asked for (%2).</source>
        <translation>%1 hat die angeforderten Bytes nicht (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The S3 endpoint %1 failed to serve %2 (%3).</source>
        <translation>Der S3-Endpunkt %1 konnte %2 nicht ausliefern (%3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S3 refused the request for %1 (%2).</source>
        <translation>S3 hat die Anfrage für %1 abgelehnt (%2).</translation>
    </message>
</context>
<context>
    <name>S3Download</name>
    <message>
        <location filename="../core/storage/s3download.cpp" line="+139"/>
        <location line="+10"/>
        <location line="+6"/>
        <location line="+2"/>
        <location line="+136"/>
        <location line="+7"/>
        <location line="+27"/>
        <location line="+195"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>Cannot create %1: %2.</source>
        <translation>%1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a file of this user&apos;s.</source>
        <translation>%1 ist keine Datei dieses Benutzers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot make %1 private: %2.</source>
        <translation>%1 kann nicht privat gemacht werden: %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot make room for %1 bytes in %2: %3.</source>
        <translation>In %2 kann kein Platz für %1 Bytes geschaffen werden: %3.</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>%1 has %2 bytes after the download, not %3.</source>
        <translation>%1 hat nach dem Download %2 Bytes, nicht %3.</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The bytes downloaded of %1 do not match its ETag (their MD5 is %2, the ETag %3).</source>
        <translation>Die heruntergeladenen Bytes von %1 passen nicht zu seinem ETag (ihr MD5 ist %2, das ETag %3).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is already being downloaded into %2 (process %3).</source>
        <translation>%1 wird bereits nach %2 heruntergeladen (Prozess %3).</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The download of %1 stopped before its end.</source>
        <translation>Der Download von %1 hat vor dem Ende aufgehört.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot move %1 to %2: %3.</source>
        <translation>%1 kann nicht nach %2 verschoben werden: %3.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 names a folder, not an object.</source>
        <translation>%1 bezeichnet einen Ordner, kein Objekt.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot create a temporary file in %1: %2.</source>
        <translation>In %1 kann keine temporäre Datei angelegt werden: %2.</translation>
    </message>
</context>
<context>
    <name>S3Location</name>
    <message>
        <location filename="../core/storage/s3location.cpp" line="+31"/>
        <source>a bucket name has at least 3 characters</source>
        <translation>ein Bucket-Name hat mindestens 3 Zeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a bucket name has at most 255 characters</source>
        <translation>ein Bucket-Name hat höchstens 255 Zeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a bucket name holds only letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, not %1</source>
        <translation>ein Bucket-Name enthält nur Buchstaben, Ziffern, &apos;.&apos;, &apos;-&apos; und &apos;_&apos;, nicht %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a bucket name begins and ends with a letter or a digit</source>
        <translation>ein Bucket-Name beginnt und endet mit einem Buchstaben oder einer Ziffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a bucket name has no two adjacent periods</source>
        <translation>ein Bucket-Name enthält keine zwei aufeinanderfolgenden Punkte</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the key holds the control character %1</source>
        <translation>der Schlüssel enthält das Steuerzeichen %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the key holds %1, which is not a character</source>
        <translation>der Schlüssel enthält %1, was kein Zeichen ist</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is not an S3 address: %2.</source>
        <translation>%1 ist keine S3-Adresse: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it does not start with s3://</source>
        <translation>sie beginnt nicht mit s3://</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it names no bucket (s3://bucket/key)</source>
        <translation>sie nennt keinen Bucket (s3://bucket/key)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key is %1 bytes long in UTF-8, and S3 allows at most %2</source>
        <translation>der Schlüssel ist in UTF-8 %1 Bytes lang, S3 erlaubt höchstens %2</translation>
    </message>
</context>
<context>
    <name>S3RangeGet</name>
    <message>
        <location filename="../core/storage/s3exchange.cpp" line="+18"/>
        <source>%1 changed on the server while downloading (%2).</source>
        <translation>%1 hat sich während des Herunterladens auf dem Server geändert (%2).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server sent %1 of %2 bytes of %3.</source>
        <translation>Der Server hat %1 von %2 Bytes von %3 gesendet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server sent %1 without an ETag.</source>
        <translation>Der Server hat %1 ohne ETag gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its ETag is now %1, was %2</source>
        <translation>sein ETag ist jetzt %1, war %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server ignored the byte range asked for in %1 (bytes %2-%3).</source>
        <translation>Der Server hat den in %1 angeforderten Bytebereich ignoriert (Bytes %2-%3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server answered HTTP %1 for a byte range of %2.</source>
        <translation>Der Server hat auf einen Bytebereich von %2 mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server sent a byte range of %1 with the Content-Range &quot;%2&quot;.</source>
        <translation>Der Server hat einen Bytebereich von %1 mit dem Content-Range „%2“ gesendet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its size is now %1 bytes, was %2</source>
        <translation>seine Größe ist jetzt %1 Bytes, war %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server sent %1 of %2 when bytes %3-%4 were asked for.</source>
        <translation>Der Server hat %1 von %2 gesendet, angefordert waren die Bytes %3-%4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server sent more than the %1 bytes asked for of %2.</source>
        <translation>Der Server hat mehr als die %1 angeforderten Bytes von %2 gesendet.</translation>
    </message>
</context>
<context>
    <name>S3Xml</name>
    <message>
        <location filename="../core/storage/s3xml.cpp" line="+83"/>
        <source>it has a document type declaration</source>
        <translation>sie hat eine Dokumenttyp-Deklaration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its root element is &lt;%1&gt;, not &lt;ListBucketResult&gt;</source>
        <translation>ihr Wurzelelement ist &lt;%1&gt;, nicht &lt;ListBucketResult&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>an object&apos;s size is &quot;%1&quot;</source>
        <translation>die Größe eines Objekts ist „%1“</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>an object has no key</source>
        <translation>ein Objekt hat keinen Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the object %1 has no size</source>
        <translation>das Objekt %1 hat keine Größe</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>IsTruncated is &quot;%1&quot;</source>
        <translation>IsTruncated ist „%1“</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it holds no element</source>
        <translation>sie enthält kein Element</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The S3 listing is not what S3 sends (%1, line %2).</source>
        <translation>Die S3-Auflistung entspricht nicht dem, was S3 sendet (%1, Zeile %2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The S3 listing is not what S3 sends (it is truncated but has no continuation token).</source>
        <translation>Die S3-Auflistung entspricht nicht dem, was S3 sendet (sie ist gekürzt, hat aber kein Fortsetzungstoken).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The S3 listing is not what S3 sends (an object has no key).</source>
        <translation>Die S3-Auflistung entspricht nicht dem, was S3 sendet (ein Objekt hat keinen Schlüssel).</translation>
    </message>
</context>
<context>
    <name>SqlPresentation</name>
    <message>
        <location filename="../core/recording/eventpresentation.cpp" line="-59"/>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (unknown to the driver)</source>
        <translation>%1 (dem Treiber unbekannt)</translation>
    </message>
</context>
<context>
    <name>StreamDecoder</name>
    <message>
        <location filename="../core/archive/streamdecoder.cpp" line="+25"/>
        <source>the compressed data is corrupt (%1)</source>
        <translation>die komprimierten Daten sind beschädigt (%1)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>zlib could not be initialised</source>
        <translation>zlib konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <source>data after the end of the deflate stream</source>
        <translation>Daten nach dem Ende des Deflate-Datenstroms</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the deflate stream ends early</source>
        <translation>der Deflate-Datenstrom endet vorzeitig</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>libbz2 could not be initialised</source>
        <translation>libbz2 konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+17"/>
        <source>data after the end of the bzip2 stream</source>
        <translation>Daten nach dem Ende des bzip2-Datenstroms</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>bzip2 error %1</source>
        <translation>bzip2-Fehler %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the bzip2 stream ends early</source>
        <translation>der bzip2-Datenstrom endet vorzeitig</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>unexpected LZMA properties size %1</source>
        <translation>unerwartete Größe der LZMA-Eigenschaften: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the LZMA header is incomplete</source>
        <translation>der LZMA-Header ist unvollständig</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+61"/>
        <source>the LZMA stream ends early</source>
        <translation>der LZMA-Datenstrom endet vorzeitig</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>invalid LZMA properties</source>
        <translation>ungültige LZMA-Eigenschaften</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>liblzma rejected the stream parameters (%1)</source>
        <translation>liblzma hat die Parameter des Datenstroms abgelehnt (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+16"/>
        <source>data after the end of the LZMA stream</source>
        <translation>Daten nach dem Ende des LZMA-Datenstroms</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>liblzma error %1</source>
        <translation>liblzma-Fehler %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>compression method %1 is not supported</source>
        <translation>Kompressionsverfahren %1 wird nicht unterstützt</translation>
    </message>
</context>
<context>
    <name>TimelineIndexer</name>
    <message>
        <location filename="../core/recording/timelineindexer.cpp" line="+115"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>%1 is neither a recording, a cassette, a queries.jsonl nor an MCP file</source>
        <translation>%1 ist weder eine Aufzeichnung noch eine Kassette, eine queries.jsonl oder eine MCP-Datei</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>MCP event %1 is no longer in its source</source>
        <translation>MCP-Ereignis %1 ist nicht mehr in seiner Quelle enthalten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>there is no event %1</source>
        <translation>es gibt kein Ereignis %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event %1 is not an HTTP event</source>
        <translation>Ereignis %1 ist kein HTTP-Ereignis</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>event %1 is not an MCP</source>
        <translation>Ereignis %1 ist kein MCP</translation>
    </message>
</context>
<context>
    <name>WinZipAesDecryptor</name>
    <message>
        <location filename="../core/archive/winzipaes.cpp" line="+53"/>
        <source>unknown WinZip AES strength %1</source>
        <translation>unbekannte WinZip-AES-Schlüsselstärke %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the WinZip AES header is truncated</source>
        <translation>der WinZip-AES-Header ist abgeschnitten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>key derivation failed</source>
        <translation>Schlüsselableitung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AES could not be initialised</source>
        <translation>AES konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>HMAC-SHA1 could not be initialised</source>
        <translation>HMAC-SHA1 konnte nicht initialisiert werden</translation>
    </message>
</context>
<context>
    <name>WireMockExport</name>
    <message>
        <location filename="../core/replay/wiremockexport.cpp" line="+141"/>
        <location line="+12"/>
        <source>%1 exists and is not a folder</source>
        <translation>%1 existiert und ist kein Ordner</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+17"/>
        <location line="+137"/>
        <source>the folder %1 could not be created</source>
        <translation>der Ordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>%1 already exists and is not empty; export into a new or empty folder</source>
        <translation>%1 existiert bereits und ist nicht leer; exportieren Sie in einen neuen oder leeren Ordner</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+2"/>
        <location line="+23"/>
        <location line="+3"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was changed during the export</source>
        <translation>%1 wurde während des Exports verändert</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>event %1 (%2 %3) was not exported: %4</source>
        <translation>Ereignis %1 (%2 %3) wurde nicht exportiert: %4</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>mappings can only be added after begin()</source>
        <translation>Mappings können erst nach begin() hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>no status was recorded; WireMock answers 200</source>
        <translation>es wurde kein Status aufgezeichnet; WireMock antwortet mit 200</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the body does not decode as %1 (%2): served as recorded, without the Content-Encoding header</source>
        <translation>der Body lässt sich nicht als %1 dekodieren (%2): Er wird wie aufgezeichnet ausgeliefert, ohne Content-Encoding-Header</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>finish() needs begin()</source>
        <translation>finish() setzt begin() voraus</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <location filename="../core/archive/ziparchive.cpp" line="+89"/>
        <source>%1 is truncated or damaged: its ZIP directory is missing</source>
        <translation>%1 ist abgeschnitten oder beschädigt: Das ZIP-Verzeichnis fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a ZIP archive</source>
        <translation>%1 ist kein ZIP-Archiv</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is damaged or tampered: its ZIP headers contradict each other</source>
        <translation>%1 ist beschädigt oder manipuliert: Die ZIP-Header widersprechen sich</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be opened as a ZIP archive: %2</source>
        <translation>%1 konnte nicht als ZIP-Archiv geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+98"/>
        <location line="+48"/>
        <source>%1 is empty, not a ZIP archive</source>
        <translation>%1 ist leer, kein ZIP-Archiv</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 cannot be read at random</source>
        <translation>%1 kann nicht wahlfrei gelesen werden</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1: entry %2 cannot be read from the ZIP directory</source>
        <translation>%1: Eintrag %2 kann nicht aus dem ZIP-Verzeichnis gelesen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: entry %2 declares an impossible size</source>
        <translation>%1: Eintrag %2 gibt eine unmögliche Größe an</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: entry &quot;%2&quot; uses PKWARE Strong Encryption, which Tapedeck does not read</source>
        <translation>%1: Eintrag „%2“ verwendet PKWARE Strong Encryption, die Tapedeck nicht liest</translation>
    </message>
    <message>
        <location line="+68"/>
        <location line="+173"/>
        <source>the encrypted data is truncated</source>
        <translation>die verschlüsselten Daten sind abgeschnitten</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>%1: entry &quot;%2&quot;: %3</source>
        <translation>%1: Eintrag „%2“: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: wrong password</source>
        <translation>%1: falsches Passwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is encrypted and no password was given</source>
        <translation>%1 ist verschlüsselt, aber es wurde kein Passwort angegeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CRC-32 mismatch: the data was modified or damaged</source>
        <translation>CRC-32 stimmt nicht: Die Daten wurden verändert oder beschädigt</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>authentication failed (HMAC mismatch): the encrypted data was modified or damaged</source>
        <translation>Authentifizierung fehlgeschlagen (HMAC stimmt nicht): Die verschlüsselten Daten wurden verändert oder beschädigt</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+17"/>
        <source>the encryption method is not supported</source>
        <translation>das Verschlüsselungsverfahren wird nicht unterstützt</translation>
    </message>
    <message>
        <location line="-405"/>
        <location line="+226"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-204"/>
        <location line="+256"/>
        <source>%1 is invalid: %2</source>
        <translation>%1 ist ungültig: %2</translation>
    </message>
    <message>
        <location line="-255"/>
        <source>duplicate entry names</source>
        <translation>doppelte Eintragsnamen</translation>
    </message>
    <message>
        <location line="+201"/>
        <source>libzip reads %1 entries, the ZIP directory %2</source>
        <translation>libzip liest %1 Einträge, das ZIP-Verzeichnis %2</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>the archive is truncated or damaged (%1)</source>
        <translation>das Archiv ist abgeschnitten oder beschädigt (%1)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>it produces more data than the %1 bytes it declares</source>
        <translation>er liefert mehr Daten als die angegebenen %1 Bytes</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the archive is truncated inside this entry</source>
        <translation>das Archiv endet mitten in diesem Eintrag</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it ends after %1 of the %2 bytes it declares</source>
        <translation>er endet nach %1 der angegebenen %2 Bytes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CRC-32 mismatch (stored %1, computed %2)</source>
        <translation>CRC-32 stimmt nicht (gespeichert %1, berechnet %2)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+33"/>
        <source>Inspects recorded DataHub ingestion runs.</source>
        <translation>Untersucht aufgezeichnete DataHub-Ingestion-Läufe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recording to open: an archive, an extracted recording folder or s3://bucket/key (downloaded first).</source>
        <translation>Die zu öffnende Aufzeichnung: ein Archiv, ein Ordner mit einer entpackten Aufzeichnung oder s3://bucket/key (wird zuerst heruntergeladen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The AWS profile to reach S3 with (wins over AWS_PROFILE).</source>
        <translation>Das AWS-Profil für den Zugriff auf S3 (hat Vorrang vor AWS_PROFILE).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The S3 region.</source>
        <translation>Die S3-Region.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An S3-compatible endpoint (MinIO, Ceph, LocalStack…).</source>
        <translation>Ein S3-kompatibler Endpunkt (MinIO, Ceph, LocalStack…).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tapedeck opens one recording at a time.</source>
        <translation>tapedeck öffnet jeweils nur eine Aufzeichnung.</translation>
    </message>
</context>
<context>
    <name>tapedeck::Banner</name>
    <message>
        <location filename="../ui/widgets/banner.cpp" line="+74"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>tapedeck::BodyView</name>
    <message>
        <location filename="../ui/details/bodyview.cpp" line="+30"/>
        <source>Pretty</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Decoded</source>
        <translation>Dekodiert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the body with its Content-Encoding undone; off: the bytes as recorded</source>
        <translation>Den Body mit rückgängig gemachtem Content-Encoding anzeigen; aus: die Bytes wie aufgezeichnet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How to show the body</source>
        <translation>Darstellung des Bodys</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy body</source>
        <translation>Body kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the whole body to the clipboard (as shown: decoded or raw)</source>
        <translation>Den gesamten Body in die Zwischenablage kopieren (wie angezeigt: dekodiert oder roh)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source> · the first %1 characters are shown (Copy body copies everything)</source>
        <translation> · die ersten %1 Zeichen werden angezeigt („Body kopieren“ kopiert alles)</translation>
    </message>
</context>
<context>
    <name>tapedeck::BreakpointModel</name>
    <message>
        <location filename="../ui/replay/breakpointmodel.cpp" line="+19"/>
        <source>An empty breakpoint would hold everything; use Pause for that.</source>
        <translation>Ein leerer Haltepunkt würde alles anhalten; verwenden Sie dafür „Pause“.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Holds every request or statement this filter matches (as it would be answered)</source>
        <translation>Hält jede Anfrage und Anweisung an, auf die dieser Filter zutrifft (so, wie sie beantwortet würde)</translation>
    </message>
</context>
<context>
    <name>tapedeck::CodeView</name>
    <message>
        <location filename="../ui/widgets/codeview.cpp" line="+61"/>
        <source>Preparing %1 characters…</source>
        <translation>%1 Zeichen werden aufbereitet…</translation>
    </message>
</context>
<context>
    <name>tapedeck::DetailPane</name>
    <message>
        <location filename="../ui/details/detailpane.cpp" line="+40"/>
        <source>Loading event %1…</source>
        <translation>Ereignis %1 wird geladen…</translation>
    </message>
</context>
<context>
    <name>tapedeck::DetailStack</name>
    <message>
        <location filename="../ui/details/detailstack.cpp" line="+17"/>
        <source>Select an event to see it in full.</source>
        <translation>Wählen Sie ein Ereignis aus, um es vollständig anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::DiffFieldsModel</name>
    <message>
        <location filename="../ui/diff/difffieldsmodel.cpp" line="+15"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>type changed</source>
        <translation>Typ geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replayed</source>
        <translation>Wiedergegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>tapedeck::DiffRulesPanel</name>
    <message>
        <location filename="../ui/diff/diffrulespanel.cpp" line="+25"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save As…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ignore rules (paths like root[&apos;*&apos;][&apos;aspect&apos;][&apos;fields&apos;][*][&apos;description&apos;], or DeepDiff regexes as DataHub takes them)</source>
        <translation>Ignorierregeln (Pfade wie root[&apos;*&apos;][&apos;aspect&apos;][&apos;fields&apos;][*][&apos;description&apos;] oder reguläre Ausdrücke im DeepDiff-Stil, wie DataHub sie annimmt)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Save Ignore Profile</source>
        <translation>Ignorierprofil speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>An empty rule is left out.</source>
        <translation>Eine leere Regel wird ausgelassen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No path: read as a DeepDiff regex, as DataHub reads --ignore-path.</source>
        <translation>Kein Pfad: wird als regulärer Ausdruck im DeepDiff-Stil gelesen, so wie DataHub --ignore-path liest.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A path.</source>
        <translation>Ein Pfad.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>This rule matched nothing: is there a typo?</source>
        <translation>Diese Regel hat keine Treffer: Enthält sie einen Tippfehler?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It took out 1 place.</source>
        <translation>Sie hat 1 Stelle ausgeblendet.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>It took out %1 places.</source>
        <translation>Sie hat %1 Stellen ausgeblendet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
</context>
<context>
    <name>tapedeck::DiffTreeModel</name>
    <message>
        <location filename="../ui/diff/difftreemodel.cpp" line="+60"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>identical</source>
        <translation>identisch</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 identical</source>
        <translation>%1 identisch</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1 value</source>
        <translation>1 Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 values</source>
        <translation>%1 Werte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 field</source>
        <translation>1 Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 fields</source>
        <translation>%1 Felder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>URN / aspect</source>
        <translation>URN / Aspekt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>tapedeck::DiffView</name>
    <message>
        <location filename="../ui/diff/diffview.cpp" line="+87"/>
        <source>Recorded</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replayed</source>
        <translation>Wiedergegeben</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Choose an aspect on the left to see its recorded and replayed values.</source>
        <translation>Wählen Sie links einen Aspekt aus, um seine aufgezeichneten und wiedergegebenen Werte zu sehen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing to show.</source>
        <translation>Nichts anzuzeigen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 · %2 — %3</source>
        <translation>%1 · %2 — %3</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Ignore This Path</source>
        <translation>Diesen Pfad ignorieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No difference here</source>
        <translation>Hier gibt es keinen Unterschied</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hides 1 difference</source>
        <translation>blendet 1 Unterschied aus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hides %1 differences</source>
        <translation>blendet %1 Unterschiede aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ignore %1: %2 (%3)</source>
        <translation>Ignorieren %1: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>tapedeck::DiffWindow</name>
    <message>
        <location filename="../ui/diff/diffwindow.cpp" line="+53"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording vs Its MCP File</source>
        <translation>Aufzeichnung vs. ihre MCP-Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeated emissions are differences</source>
        <translation>Mehrfaches Senden zählt als Unterschied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare systemMetadata</source>
        <translation>systemMetadata vergleichen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changed only</source>
        <translation>Nur geänderte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compare Recorded and Replayed Metadata</source>
        <translation>Aufgezeichnete und wiedergegebene Metadaten vergleichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recording, cassette or MCP file (JSON or JSON lines)</source>
        <translation>Aufzeichnung, Kassette oder MCP-Datei (JSON oder JSON Lines)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The replay&apos;s MCP file, or another recording</source>
        <translation>Die MCP-Datei der Wiedergabe oder eine andere Aufzeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fields ignored from the start.</source>
        <translation>Felder, die von vornherein ignoriert werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recorded:</source>
        <translation>Aufgezeichnet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replayed:</source>
        <translation>Wiedergegeben:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter URNs and aspects</source>
        <translation>URNs und Aspekte filtern</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Ignore Rules</source>
        <translation>Ignorierregeln</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the Recorded Side</source>
        <translation>Aufgezeichnete Seite wählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the Replayed Side</source>
        <translation>Wiedergegebene Seite wählen</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare a Recording with &amp;Its MCP File</source>
        <translation>Aufzeichnung mit &amp;ihrer MCP-Datei vergleichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Report as &amp;Markdown…</source>
        <translation>Bericht als &amp;Markdown exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Report as &amp;JSON…</source>
        <translation>Bericht als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Difference</source>
        <translation>&amp;Nächster Unterschied</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous Difference</source>
        <translation>&amp;Vorheriger Unterschied</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>MCP files and recordings (*.json *.jsonl *.zip *.yaml *.yml);;All files (*)</source>
        <translation>MCP-Dateien und Aufzeichnungen (*.json *.jsonl *.zip *.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Choose a Recording</source>
        <translation>Aufzeichnung wählen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No MCP file was found beside %1: choose it.</source>
        <translation>Neben %1 wurde keine MCP-Datei gefunden: Wählen Sie sie aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the Recording&apos;s MCP File</source>
        <translation>MCP-Datei der Aufzeichnung wählen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source> (replayed)</source>
        <translation> (wiedergegeben)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Two sources are needed</source>
        <translation>Zwei Quellen werden benötigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the recorded and the replayed side first.</source>
        <translation>Wählen Sie zuerst die aufgezeichnete und die wiedergegebene Seite aus.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Some ignore rules are not valid and were left out</source>
        <translation>Einige Ignorierregeln sind ungültig und wurden ausgelassen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Comparing %1 with %2…</source>
        <translation>%1 wird mit %2 verglichen…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The comparison was cancelled.</source>
        <translation>Der Vergleich wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The comparison failed</source>
        <translation>Der Vergleich ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose an aspect on the left, or press F7 for the next difference.</source>
        <translation>Wählen Sie links einen Aspekt aus, oder drücken Sie F7 für den nächsten Unterschied.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The inputs had problems that did not stop the comparison</source>
        <translation>Die Eingaben hatten Probleme, die den Vergleich nicht verhindert haben</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose the recorded and the replayed side, then Compare.</source>
        <translation>Wählen Sie die aufgezeichnete und die wiedergegebene Seite aus und klicken Sie dann auf „Vergleichen“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URNs: %1 added, %2 removed · aspects: %3 added, %4 removed, %5 changed (%6 field differences)</source>
        <translation>URNs: %1 hinzugefügt, %2 entfernt · Aspekte: %3 hinzugefügt, %4 entfernt, %5 geändert (%6 Feldunterschiede)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 and %2 MCPs, %3 URN/aspect pairs compared, %4 values identical</source>
        <translation>%1 und %2 MCPs, %3 URN/Aspekt-Paare verglichen, %4 Werte identisch</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>rules that matched nothing: %1</source>
        <translation>Regeln ohne Treffer: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Nothing chosen.</source>
        <translation>Nichts ausgewählt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2: the recorded and replayed values are identical.</source>
        <translation>%1 · %2: Die aufgezeichneten und wiedergegebenen Werte sind identisch.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Difference %1 of %2</source>
        <translation>Unterschied %1 von %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>That was the last difference.</source>
        <translation>Das war der letzte Unterschied.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>That was the first difference.</source>
        <translation>Das war der erste Unterschied.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Profile %1 saved.</source>
        <translation>Profil %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no report to export yet.</source>
        <translation>Es gibt noch keinen Bericht zum Exportieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compare first: there is no report to export yet.</source>
        <translation>Vergleichen Sie zuerst: Es gibt noch keinen Bericht zum Exportieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the Report as JSON</source>
        <translation>Bericht als JSON exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the Report as Markdown</source>
        <translation>Bericht als Markdown exportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report could not be exported</source>
        <translation>Der Bericht konnte nicht exportiert werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report written to %1.</source>
        <translation>Der Bericht wurde nach %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>tapedeck::EntityBrowser</name>
    <message>
        <location filename="../ui/timeline/entitybrowser.cpp" line="+27"/>
        <source>Filter entities and aspects</source>
        <translation>Entitäten und Aspekte filtern</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>1 entity</source>
        <translation>1 Entität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 entities</source>
        <translation>%1 Entitäten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 aspect</source>
        <translation>1 Aspekt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 aspects</source>
        <translation>%1 Aspekte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 MCP</source>
        <translation>1 MCP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 MCPs</source>
        <translation>%1 MCPs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>tapedeck::EntityModel</name>
    <message>
        <location filename="../ui/timeline/entitymodel.cpp" line="+295"/>
        <source>Event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1
%2 · 1 MCP</source>
        <translation>%1
%2 · 1 MCP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2 · %3 MCPs</source>
        <translation>%1
%2 · %3 MCPs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 MCPs of aspect %2: the entity got it more than once</source>
        <translation>%1 MCPs für Aspekt %2: Die Entität hat ihn mehrfach erhalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event %1: %2 of %3</source>
        <translation>Ereignis %1: %2 von %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Entity / aspect</source>
        <translation>Entität / Aspekt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MCPs</source>
        <translation>MCPs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Entity URN, the aspects written for it, and the MCP events when an aspect was written more than once</source>
        <translation>Entitäts-URN, die dafür geschriebenen Aspekte und die MCP-Ereignisse, wenn ein Aspekt mehrfach geschrieben wurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Entity type, or the MCP&apos;s change type</source>
        <translation>Entitätstyp oder der Änderungstyp des MCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many MCPs the run wrote for the entity or aspect</source>
        <translation>Anzahl der MCPs, die der Lauf für die Entität oder den Aspekt geschrieben hat</translation>
    </message>
</context>
<context>
    <name>tapedeck::EntriesModel</name>
    <message>
        <location filename="../ui/overview/entriesmodel.cpp" line="+42"/>
        <source>stored</source>
        <translation>unkomprimiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plain file</source>
        <translation>normale Datei</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unsupported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mismatch</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not listed</source>
        <translation>Nicht aufgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable</source>
        <translation>Unlesbar</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Uncompressed size in bytes: %L1</source>
        <translation>Unkomprimierte Größe in Bytes: %L1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size in bytes as stored in the archive (compressed, encrypted): %L1</source>
        <translation>Größe im Archiv in Bytes (komprimiert, verschlüsselt): %L1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The content matches the SHA-256 checksum in the manifest.
SHA-256: %1</source>
        <translation>Der Inhalt stimmt mit der SHA-256-Prüfsumme im Manifest überein.
SHA-256: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The content does not match the checksum in the manifest: the entry was changed or damaged after recording.
Manifest: %1
Content: %2</source>
        <translation>Der Inhalt stimmt nicht mit der Prüfsumme im Manifest überein: Der Eintrag wurde nach der Aufzeichnung verändert oder beschädigt.
Manifest: %1
Inhalt: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The manifest lists this file with a checksum, but the recording does not contain it.
Manifest: %1</source>
        <translation>Das Manifest führt diese Datei mit einer Prüfsumme auf, aber die Aufzeichnung enthält sie nicht.
Manifest: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The manifest lists no checksum for this entry, so its content cannot be verified.</source>
        <translation>Das Manifest führt für diesen Eintrag keine Prüfsumme auf, daher kann sein Inhalt nicht überprüft werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The entry could not be read: %1</source>
        <translation>Der Eintrag konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored</source>
        <translation>Im Archiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
</context>
<context>
    <name>tapedeck::FilterBar</name>
    <message>
        <location filename="../ui/timeline/filterbar.cpp" line="+70"/>
        <source>Show HTTP exchanges</source>
        <translation>HTTP-Aufrufe anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show SQL queries</source>
        <translation>SQL-Abfragen anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show MCPs (metadata change proposals)</source>
        <translation>MCPs (Metadata Change Proposals) anzeigen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Filter, e.g. kind:http status:&gt;=400 or urn:*orders* aspect:schemaMetadata</source>
        <translation>Filter, z. B. kind:http status:&gt;=400 oder urn:*orders* aspect:schemaMetadata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;p&gt;Filter expression, the same language as &lt;tt&gt;tapedeck-cli events --filter&lt;/tt&gt;:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;tt&gt;orders&lt;/tt&gt; — free text in method, URL, SQL, URN, aspect and messages&lt;/li&gt;&lt;li&gt;&lt;tt&gt;kind:http status:&amp;gt;=400&lt;/tt&gt;, &lt;tt&gt;status:4xx,503&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;host:*.looker.com&lt;/tt&gt;, &lt;tt&gt;path:/api/*/looks/*&lt;/tt&gt;, &lt;tt&gt;url:~&quot;/looks/\d+$&quot;&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;sql:information_schema&lt;/tt&gt;, &lt;tt&gt;urn:*orders* aspect:schemaMetadata&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;error&lt;/tt&gt;, &lt;tt&gt;warning&lt;/tt&gt;, &lt;tt&gt;seq:100..200&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;served:0&lt;/tt&gt; — recorded events the replay never served&lt;/li&gt;&lt;li&gt;&lt;tt&gt;a or b&lt;/tt&gt;, &lt;tt&gt;-term&lt;/tt&gt; or &lt;tt&gt;not term&lt;/tt&gt;, &lt;tt&gt;( … )&lt;/tt&gt;&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Filterausdruck in derselben Sprache wie &lt;tt&gt;tapedeck-cli events --filter&lt;/tt&gt;:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;tt&gt;orders&lt;/tt&gt; — freier Text in Methode, URL, SQL, URN, Aspekt und Meldungen&lt;/li&gt;&lt;li&gt;&lt;tt&gt;kind:http status:&amp;gt;=400&lt;/tt&gt;, &lt;tt&gt;status:4xx,503&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;host:*.looker.com&lt;/tt&gt;, &lt;tt&gt;path:/api/*/looks/*&lt;/tt&gt;, &lt;tt&gt;url:~&quot;/looks/\d+$&quot;&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;sql:information_schema&lt;/tt&gt;, &lt;tt&gt;urn:*orders* aspect:schemaMetadata&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;error&lt;/tt&gt;, &lt;tt&gt;warning&lt;/tt&gt;, &lt;tt&gt;seq:100..200&lt;/tt&gt;&lt;/li&gt;&lt;li&gt;&lt;tt&gt;served:0&lt;/tt&gt; — aufgezeichnete Ereignisse, die die Wiedergabe nie beantwortet hat&lt;/li&gt;&lt;li&gt;&lt;tt&gt;a or b&lt;/tt&gt;, &lt;tt&gt;-term&lt;/tt&gt; oder &lt;tt&gt;not term&lt;/tt&gt;, &lt;tt&gt;( … )&lt;/tt&gt;&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Find (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find text in the events shown: Enter or F3 for the next match, Shift+Enter or Shift+F3 for the previous one</source>
        <translation>Text in den angezeigten Ereignissen suchen: Eingabetaste oder F3 für den nächsten Treffer, Umschalt+Eingabetaste oder Umschalt+F3 für den vorherigen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Events shown / events in the recording</source>
        <translation>Angezeigte Ereignisse / Ereignisse in der Aufzeichnung</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 / %2 events</source>
        <translation>%1 / %2 Ereignisse</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQL %1</source>
        <translation>SQL %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MCP %1</source>
        <translation>MCP %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
</context>
<context>
    <name>tapedeck::HeldModel</name>
    <message>
        <location filename="../ui/replay/heldmodel.cpp" line="+55"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(arriving)</source>
        <translation>(trifft ein)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recorded event #%1</source>
        <translation>aufgezeichnetes Ereignis #%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing recorded</source>
        <translation>nichts Aufgezeichnetes</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held request</source>
        <translation>Angehaltene Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Would get</source>
        <translation>Würde erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Wartezeit</translation>
    </message>
</context>
<context>
    <name>tapedeck::HttpDetailPane</name>
    <message>
        <location filename="../ui/details/httpdetailpane.cpp" line="+71"/>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy as cURL</source>
        <translation>Als cURL kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy a curl command line that repeats this request (POSIX shell)</source>
        <translation>Eine curl-Befehlszeile kopieren, die diese Anfrage wiederholt (POSIX-Shell)</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+89"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+92"/>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Carried 1 MCP:</source>
        <translation>Übertrug 1 MCP:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Carried %n MCPs:</source>
        <translation>
            <numerusform>Übertrug %n MCP:</numerusform>
            <numerusform>Übertrug %n MCPs:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This exchange could not be read again: %1</source>
        <translation>Dieser HTTP-Aufruf konnte nicht erneut gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Request (1 header)</source>
        <translation>Anfrage (1 Header)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request (%1 headers)</source>
        <translation>Anfrage (%1 Header)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Response (1 header)</source>
        <translation>Antwort (1 Header)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response (%1 headers)</source>
        <translation>Antwort (%1 Header)</translation>
    </message>
</context>
<context>
    <name>tapedeck::JsonTreeModel</name>
    <message>
        <location filename="../ui/details/jsontreemodel.cpp" line="+68"/>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>boolean</source>
        <translation>Boolescher Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{1 key}</source>
        <translation>{1 Schlüssel}</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{%n keys}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>[1 item]</source>
        <translation>[1 Element]</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>[%n items]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>tapedeck::LoadingBar</name>
    <message>
        <location filename="../ui/widgets/loadingbar.cpp" line="+16"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>tapedeck::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+151"/>
        <source>Downloading %1 was cancelled.</source>
        <translation>Das Herunterladen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a recording archive</source>
        <translation>Ein Aufzeichnungsarchiv öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse Recordings…</source>
        <translation>Aufzeichnungen &amp;durchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List, search and open the recordings in folders and S3 prefixes</source>
        <translation>Die Aufzeichnungen in Ordnern und S3-Präfixen auflisten, durchsuchen und öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open &amp;Sample Recording</source>
        <translation>Bei&amp;spielaufzeichnung öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sample recording is not installed</source>
        <translation>Die Beispielaufzeichnung ist nicht installiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the bundled sample recording of a failed Looker ingestion run</source>
        <translation>Die mitgelieferte Beispielaufzeichnung eines fehlgeschlagenen Looker-Ingestion-Laufs öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Compare Metadata…</source>
        <translation>&amp;Metadaten vergleichen…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Compare the MCPs of a recording with a replay&apos;s output (or any two MCP files)</source>
        <translation>Die MCPs einer Aufzeichnung mit der Ausgabe einer Wiedergabe vergleichen (oder zwei beliebige MCP-Dateien)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export HTTP as HAR…</source>
        <translation>HTTP als HAR &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the recording&apos;s HTTP exchanges as a HAR 1.2 file for browser tools and HAR viewers</source>
        <translation>Die HTTP-Aufrufe der Aufzeichnung als HAR-1.2-Datei für Browser-Werkzeuge und HAR-Viewer speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xtract Recording…</source>
        <translation>Aufzeichnung e&amp;ntpacken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the recording&apos;s decrypted files into a folder</source>
        <translation>Die entschlüsselten Dateien der Aufzeichnung in einen Ordner schreiben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overview</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Entities</source>
        <translation>&amp;Entitäten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Replay</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Back to the Replay</source>
        <translation>Zu&amp;rück zur Wiedergabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return to the replayed request you came from</source>
        <translation>Zur wiedergegebenen Anfrage zurückkehren, von der Sie gekommen sind</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next &amp;Pane</source>
        <translation>&amp;Nächster Bereich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pre&amp;vious Pane</source>
        <translation>&amp;Vorheriger Bereich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Filter Events</source>
        <translation>Ereignisse &amp;filtern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Tapedeck</source>
        <translation>&amp;Über Tapedeck</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The sample recording is not installed.</source>
        <translation>Die Beispielaufzeichnung ist nicht installiert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open Recording</source>
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recording archives (*.zip);;All files (*)</source>
        <translation>Aufzeichnungsarchive (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About Tapedeck</source>
        <translation>Über Tapedeck</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tapedeck %1</source>
        <translation>Tapedeck %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opens, inspects and replays recorded DataHub ingestion runs.</source>
        <translation>Öffnet und untersucht aufgezeichnete DataHub-Ingestion-Läufe und spielt sie erneut ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licensed under the MIT License.</source>
        <translation>Lizenziert unter der MIT-Lizenz.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built with Qt %1.</source>
        <translation>Erstellt mit Qt %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+114"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+104"/>
        <source>Entities</source>
        <translation>Entitäten</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay the run against the recording and step through it (Ctrl+4)</source>
        <translation>Den Lauf gegen die Aufzeichnung wiedergeben und schrittweise durchgehen (Strg+4)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The run: manifest, exception, archive entries and recipe (Ctrl+1)</source>
        <translation>Der Lauf: Manifest, Ausnahme, Archiveinträge und Recipe (Strg+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every HTTP, SQL and MCP event in recorded order (Ctrl+2)</source>
        <translation>Alle HTTP-, SQL- und MCP-Ereignisse in aufgezeichneter Reihenfolge (Strg+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The metadata the run produced, by entity and aspect (Ctrl+3)</source>
        <translation>Die vom Lauf erzeugten Metadaten, nach Entität und Aspekt (Strg+3)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Timeline (%L1)</source>
        <translation>Zeitleiste (%L1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entities (%L1 MCPs)</source>
        <translation>Entitäten (%L1 MCPs)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the events of %1…</source>
        <translation>Die Ereignisse von %1 werden gelesen…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Reading the events was cancelled</source>
        <translation>Das Lesen der Ereignisse wurde abgebrochen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The %Ln event(s) read before are shown.</source>
        <translation>
            <numerusform>Das %Ln zuvor gelesene Ereignis wird angezeigt.</numerusform>
            <numerusform>Die %Ln zuvor gelesenen Ereignisse werden angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not every event could be read</source>
        <translation>Nicht alle Ereignisse konnten gelesen werden</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The %Ln event(s) read before the problem are shown.</source>
        <translation>
            <numerusform>Das %Ln vor dem Problem gelesene Ereignis wird angezeigt.</numerusform>
            <numerusform>Die %Ln vor dem Problem gelesenen Ereignisse werden angezeigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n warning(s) while reading the events</source>
        <translation>
            <numerusform>%n Warnung beim Lesen der Ereignisse</numerusform>
            <numerusform>%n Warnungen beim Lesen der Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+14"/>
        <source>Export HTTP as HAR</source>
        <translation>HTTP als HAR exportieren</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>HAR files (*.har);;All files (*)</source>
        <translation>HAR-Dateien (*.har);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The events are still being read. Export again once reading has finished.</source>
        <translation>Die Ereignisse werden noch gelesen. Exportieren Sie erneut, sobald das Lesen abgeschlossen ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting HTTP events to %1…</source>
        <translation>HTTP-Ereignisse werden nach %1 exportiert…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+25"/>
        <source>Extract Recording</source>
        <translation>Aufzeichnung entpacken</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>The extracted files hold the recording&apos;s decrypted data.</source>
        <translation>Die entpackten Dateien enthalten die entschlüsselten Daten der Aufzeichnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anyone who can read the folder can read what the run sent and received, without the password. Choose a private folder and delete it when you are done.</source>
        <translation>Wer den Ordner lesen kann, kann auch ohne Passwort lesen, was der Lauf gesendet und empfangen hat. Wählen Sie einen privaten Ordner und löschen Sie ihn, wenn Sie fertig sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose Folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Extract Recording Into</source>
        <translation>Aufzeichnung entpacken nach</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This recording is already an extracted folder.</source>
        <translation>Diese Aufzeichnung ist bereits ein entpackter Ordner.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the archive again to extract it.</source>
        <translation>Öffnen Sie das Archiv erneut, um es zu entpacken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Extracting %1…</source>
        <translation>%1 wird entpackt…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Busy</source>
        <translation>Vorgang läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is still running. Wait for it or cancel it first.</source>
        <translation>Ein anderer Vorgang läuft noch (%1). Warten Sie, bis er abgeschlossen ist, oder brechen Sie ihn zuerst ab.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Wrote %1.</source>
        <translation>%1 wurde geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; nothing was left behind.</source>
        <translation>Abgebrochen; es ist nichts zurückgeblieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could Not Write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>tapedeck::ManifestPanel</name>
    <message>
        <location filename="../ui/overview/manifestpanel.cpp" line="+42"/>
        <source>This recording has no readable manifest.json, so there are no run details or checksums.</source>
        <translation>Diese Aufzeichnung hat keine lesbare manifest.json, daher gibt es keine Angaben zum Lauf und keine Prüfsummen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run ID:</source>
        <translation>Lauf-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sink:</source>
        <translation>Senke:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DataHub CLI:</source>
        <translation>DataHub-CLI:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording started:</source>
        <translation>Aufzeichnung begonnen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive created:</source>
        <translation>Archiv erstellt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format version:</source>
        <translation>Formatversion:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other keys:</source>
        <translation>Weitere Schlüssel:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(not recorded)</source>
        <translation>(nicht aufgezeichnet)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Keys this Tapedeck does not know; kept and shown as they are.</source>
        <translation>Schlüssel, die dieses Tapedeck nicht kennt; sie werden unverändert beibehalten und angezeigt.</translation>
    </message>
</context>
<context>
    <name>tapedeck::McpDetailPane</name>
    <message>
        <location filename="../ui/details/mcpdetailpane.cpp" line="+35"/>
        <source>Entity URN:</source>
        <translation>Entitäts-URN:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entity type:</source>
        <translation>Entitätstyp:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change type:</source>
        <translation>Änderungstyp:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aspect:</source>
        <translation>Aspekt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show carrying HTTP request</source>
        <translation>Übertragende HTTP-Anfrage anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the HTTP request whose body carried this MCP to DataHub</source>
        <translation>Die HTTP-Anfrage auswählen, deren Body dieses MCP an DataHub übertragen hat</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Carried by:</source>
        <translation>Übertragen durch:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System metadata</source>
        <translation>Systemmetadaten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint state</source>
        <translation>Checkpoint-Zustand</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>the file sink&apos;s output (no HTTP request)</source>
        <translation>Ausgabe der Datei-Senke (keine HTTP-Anfrage)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This MCP could not be read again: %1</source>
        <translation>Dieses MCP konnte nicht erneut gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The aspect is not valid JSON (%1); shown as recorded</source>
        <translation>Der Aspekt ist kein gültiges JSON (%1); er wird wie aufgezeichnet angezeigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The checkpoint state could not be decoded: %1</source>
        <translation>Der Checkpoint-Zustand konnte nicht dekodiert werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>
… cut after %1 characters; the tree shows all of it</source>
        <translation>
… nach %1 Zeichen abgeschnitten; der Baum zeigt alles</translation>
    </message>
</context>
<context>
    <name>tapedeck::PasswordDialog</name>
    <message>
        <location filename="../ui/passworddialog.cpp" line="+28"/>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Passwort im System-Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unlock Recording</source>
        <translation>Aufzeichnung entsperren</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter the password the recording was made with (DataHub&apos;s recording password).</source>
        <translation>Geben Sie das Passwort ein, mit dem die Aufzeichnung erstellt wurde (das Aufzeichnungspasswort von DataHub).</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>Show password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Stored by the desktop&apos;s keychain service, never in Tapedeck&apos;s settings or files.</source>
        <translation>Wird vom Schlüsselbunddienst des Desktops gespeichert, nie in den Einstellungen oder Dateien von Tapedeck.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tip: set DATAHUB_RECORDING_PASSWORD to open recordings without this question.</source>
        <translation>Tipp: Ist DATAHUB_RECORDING_PASSWORD gesetzt, öffnen sich Aufzeichnungen ohne diese Abfrage.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This recording is encrypted</source>
        <translation>Diese Aufzeichnung ist verschlüsselt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 is encrypted</source>
        <translation>%1 ist verschlüsselt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Filled in from %1.</source>
        <translation>Aus %1 übernommen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Checking the password…</source>
        <translation>Das Passwort wird geprüft…</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecentFilesMenu</name>
    <message>
        <location filename="../ui/recentfilesmenu.cpp" line="+20"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No recent recordings</source>
        <translation>Keine zuletzt geöffneten Aufzeichnungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Clear Menu</source>
        <translation>Menü &amp;leeren</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecipeModel</name>
    <message>
        <location filename="../ui/overview/recipemodel.cpp" line="+47"/>
        <source>(document)</source>
        <translation>(Dokument)</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>1 key</source>
        <translation>1 Schlüssel</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n keys</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 item</source>
        <translation>1 Element</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n items</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Secret redacted by DataHub: the recording keeps only the placeholder %1.</source>
        <translation>Von DataHub entfernter Geheimwert: Die Aufzeichnung enthält nur den Platzhalter %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>YAML tag: %1</source>
        <translation>YAML-Tag: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path: %1 (line %2)</source>
        <translation>Pfad: %1 (Zeile %2)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingDownloader</name>
    <message>
        <location filename="../ui/storage/recordingdownloader.cpp" line="+85"/>
        <source>%1 is a prefix (a folder), not a recording: add it as a location to list its recordings.</source>
        <translation>%1 ist ein Präfix (ein Ordner), keine Aufzeichnung: Fügen Sie es als Speicherort hinzu, um seine Aufzeichnungen aufzulisten.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Downloading %1 from S3… %2 of %3</source>
        <translation>%1 wird von S3 heruntergeladen… %2 von %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading %1 from S3…</source>
        <translation>%1 wird von S3 heruntergeladen…</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingLoader</name>
    <message>
        <location filename="../ui/recordingloader.cpp" line="+136"/>
        <source>Wrong password. Check it (including upper and lower case) and try again.</source>
        <translation>Falsches Passwort. Prüfen Sie es (auch auf Groß- und Kleinschreibung) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password from %1 is wrong for this recording. Enter the right one.</source>
        <translation>Das Passwort aus %1 passt nicht zu dieser Aufzeichnung. Geben Sie das richtige ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password remembered in the keychain no longer opens this recording. Enter the right one.</source>
        <translation>Das im Schlüsselbund gespeicherte Passwort öffnet diese Aufzeichnung nicht mehr. Geben Sie das richtige ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sample&apos;s documented password was refused. Enter the password of this recording.</source>
        <translation>Das dokumentierte Passwort des Beispiels wurde abgelehnt. Geben Sie das Passwort dieser Aufzeichnung ein.</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingOpener</name>
    <message>
        <location filename="../ui/recordingopener.cpp" line="+28"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the password of %1…</source>
        <translation>Warte auf das Passwort für %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the password of %1…</source>
        <translation>Das Passwort für %1 wird geprüft…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading and verifying %1…</source>
        <translation>%1 wird gelesen und geprüft…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opening %1 was cancelled.</source>
        <translation>Das Öffnen von %1 wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingStatusBar</name>
    <message>
        <location filename="../ui/recordingstatusbar.cpp" line="+59"/>
        <source>Events shown by the timeline&apos;s filter / events in the recording</source>
        <translation>Vom Filter der Zeitleiste angezeigte Ereignisse / Ereignisse in der Aufzeichnung</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Events: %L1</source>
        <translation>Ereignisse: %L1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events shown: %L1 of %L2</source>
        <translation>Angezeigte Ereignisse: %L1 von %L2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>1 entry</source>
        <translation>1 Eintrag</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Encrypted (%1)</source>
        <translation>Verschlüsselt (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not encrypted</source>
        <translation>Nicht verschlüsselt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extracted folder</source>
        <translation>Entpackter Ordner</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checksums not verified (no manifest)</source>
        <translation>Prüfsummen nicht geprüft (kein Manifest)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 checksum problem</source>
        <translation>1 Prüfsummenproblem</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n checksum problems</source>
        <translation>
            <numerusform>%n Prüfsummenproblem</numerusform>
            <numerusform>%n Prüfsummenprobleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No checksums listed</source>
        <translation>Keine Prüfsummen aufgeführt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checksums OK (1 file verified)</source>
        <translation>Prüfsummen in Ordnung (1 Datei geprüft)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Checksums OK (%n files verified)</source>
        <translation>
            <numerusform>Prüfsummen in Ordnung (%n Datei geprüft)</numerusform>
            <numerusform>Prüfsummen in Ordnung (%n Dateien geprüft)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingView</name>
    <message>
        <location filename="../ui/overview/recordingview.cpp" line="+84"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Entries (%1)</source>
        <translation>Einträge (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>recipe.yaml could not be read; see the problems above.</source>
        <translation>recipe.yaml konnte nicht gelesen werden; siehe die Probleme oben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This recording has no recipe.yaml.</source>
        <translation>Diese Aufzeichnung hat keine recipe.yaml.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Recipe</source>
        <translation>Recipe</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1/%2: %3</source>
        <translation>%1/%2: %3</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Recipe — 1 secret redacted by DataHub</source>
        <translation>Recipe – 1 Geheimwert von DataHub entfernt</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Recipe — %n secrets redacted by DataHub</source>
        <translation>
            <numerusform>Recipe – %n Geheimwert von DataHub entfernt</numerusform>
            <numerusform>Recipe – %n Geheimwerte von DataHub entfernt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This recording has a problem. Everything that could still be read is shown below.</source>
        <translation>Diese Aufzeichnung hat ein Problem. Alles, was noch gelesen werden konnte, wird unten angezeigt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>This recording has %n problems. Everything that could still be read is shown below.</source>
        <translation>
            <numerusform>Diese Aufzeichnung hat %n Problem. Alles, was noch gelesen werden konnte, wird unten angezeigt.</numerusform>
            <numerusform>Diese Aufzeichnung hat %n Probleme. Alles, was noch gelesen werden konnte, wird unten angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The manifest has an irregularity; the recording is shown as far as it is understood.</source>
        <translation>Das Manifest weist eine Unregelmäßigkeit auf; die Aufzeichnung wird angezeigt, soweit sie verstanden wird.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The manifest has %n irregularities; the recording is shown as far as it is understood.</source>
        <translation>
            <numerusform>Das Manifest weist %n Unregelmäßigkeit auf; die Aufzeichnung wird angezeigt, soweit sie verstanden wird.</numerusform>
            <numerusform>Das Manifest weist %n Unregelmäßigkeiten auf; die Aufzeichnung wird angezeigt, soweit sie verstanden wird.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>… and %n more.</source>
        <translation>
            <numerusform>… und %n weiteres.</numerusform>
            <numerusform>… und %n weitere.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show all problems</source>
        <translation>Alle Probleme anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide the list</source>
        <translation>Liste ausblenden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The recorded run failed with %1</source>
        <translation>Der aufgezeichnete Lauf ist mit %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recorded run failed</source>
        <translation>Der aufgezeichnete Lauf ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The manifest records no message for the failure.</source>
        <translation>Das Manifest enthält keine Meldung zum Fehlschlag.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show traceback</source>
        <translation>Traceback anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide traceback</source>
        <translation>Traceback ausblenden</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingsModel</name>
    <message>
        <location filename="../ui/storage/recordingsmodel.cpp" line="+233"/>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source → Sink</source>
        <translation>Quelle → Senke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Location</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When DataHub wrote the recording (the manifest&apos;s created_at)</source>
        <translation>Wann DataHub die Aufzeichnung geschrieben hat (created_at des Manifests)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whether the run failed (the manifest&apos;s exception) or why its summary could not be read</source>
        <translation>Ob der Lauf fehlgeschlagen ist (exception des Manifests) oder warum seine Zusammenfassung nicht gelesen werden konnte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The folder or S3 prefix the recording was listed under</source>
        <translation>Der Ordner oder das S3-Präfix, unter dem die Aufzeichnung aufgelistet wurde</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%L1 bytes</source>
        <translation>%L1 Bytes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The run finished without an exception.</source>
        <translation>Der Lauf wurde ohne Ausnahme beendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The archive is encrypted: enter its password to read the run&apos;s summary.</source>
        <translation>Das Archiv ist verschlüsselt: Geben Sie sein Passwort ein, um die Zusammenfassung des Laufs zu lesen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password given does not open this archive.</source>
        <translation>Das angegebene Passwort öffnet dieses Archiv nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recording&apos;s manifest could not be read.</source>
        <translation>Das Manifest der Aufzeichnung konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingsWindow</name>
    <message>
        <location filename="../ui/storage/recordingswindow.cpp" line="+87"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+242"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="-241"/>
        <location line="+243"/>
        <source>&amp;Compare MCPs</source>
        <translation>MCPs &amp;vergleichen</translation>
    </message>
    <message>
        <location line="-235"/>
        <source>Recordings</source>
        <translation>Aufzeichnungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open or add: s3://bucket/key, s3://bucket/prefix/, a folder or a recording</source>
        <translation>Öffnen oder hinzufügen: s3://bucket/key, s3://bucket/prefix/, ein Ordner oder eine Aufzeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go</source>
        <translation>&amp;Los</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A recording (file or s3://bucket/key) is opened; a folder or an S3 prefix is added to the locations</source>
        <translation>Eine Aufzeichnung (Datei oder s3://bucket/key) wird geöffnet; ein Ordner oder ein S3-Präfix wird zu den Speicherorten hinzugefügt</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Add &amp;Folder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="-187"/>
        <location line="+189"/>
        <source>Add &amp;S3 Prefix…</source>
        <translation>S3-&amp;Präfix hinzufügen…</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>&amp;Locations</source>
        <translation>&amp;Speicherorte</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="-218"/>
        <source>List every location again; only new and changed recordings are read (F5)</source>
        <translation>Alle Speicherorte erneut auflisten; nur neue und geänderte Aufzeichnungen werden gelesen (F5)</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Failed r&amp;uns only</source>
        <translation>&amp;Nur fehlgeschlagene Läufe</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;Add Folder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Refres&amp;h</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search run IDs, sources, sinks, exceptions, file names and recipe fields</source>
        <translation>Lauf-IDs, Quellen, Senken, Ausnahmen, Dateinamen und Recipe-Felder durchsuchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter &amp;Password…</source>
        <translation>Pass&amp;wort eingeben…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Open the selected recording in the main window (Enter or double-click)</source>
        <translation>Die ausgewählte Aufzeichnung im Hauptfenster öffnen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare the metadata (MCPs) two selected recordings emitted</source>
        <translation>Die Metadaten (MCPs) vergleichen, die zwei ausgewählte Aufzeichnungen ausgegeben haben</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1 could not be downloaded</source>
        <translation>%1 konnte nicht heruntergeladen werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The download was cancelled.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List every location again; only new and changed recordings are read</source>
        <translation>Alle Speicherorte erneut auflisten; nur neue und geänderte Aufzeichnungen werden gelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>Su&amp;chen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go to &amp;Address</source>
        <translation>&amp;Zur Adresse</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove Location</source>
        <translation>Speicherort &amp;entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy &amp;Address</source>
        <translation>&amp;Adresse kopieren</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>All Locations</source>
        <translation>Alle Speicherorte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recordings of every location below</source>
        <translation>Die Aufzeichnungen aller Speicherorte darunter</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Add a Folder of Recordings</source>
        <translation>Ordner mit Aufzeichnungen hinzufügen</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>A location could not be listed</source>
        <translation>Ein Speicherort konnte nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some locations could not be listed</source>
        <translation>Einige Speicherorte konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Listing %1 (%2 of %3)…</source>
        <translation>%1 wird aufgelistet (%2 von %3)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listing %1…</source>
        <translation>%1 wird aufgelistet…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Listing was cancelled; what was listed before is shown.</source>
        <translation>Das Auflisten wurde abgebrochen; angezeigt wird, was zuvor aufgelistet war.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Listed %1: %L2 found, %L3 new or changed</source>
        <translation>%1 aufgelistet: %L2 gefunden, %L3 neu oder geändert</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>The catalog could not be searched</source>
        <translation>Der Katalog konnte nicht durchsucht werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recordings: %L1</source>
        <translation>Aufzeichnungen: %L1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · failed: %L1</source>
        <translation> · fehlgeschlagen: %L1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the newest %L1 of each location: narrow the search to see others)</source>
        <translation> (die neuesten %L1 je Speicherort: Schränken Sie die Suche ein, um andere zu sehen)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The password opens none of the locked recordings.</source>
        <translation>Das Passwort öffnet keine der gesperrten Aufzeichnungen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Encrypted, not read yet: %L1 of %L2</source>
        <translation>Verschlüsselt, noch nicht gelesen: %L1 von %L2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their run IDs, sources and outcomes are read once the recording password is known: set DATAHUB_RECORDING_PASSWORD, or enter it here (kept only while this window is open).</source>
        <translation>Ihre Lauf-IDs, Quellen und Ausgänge werden gelesen, sobald das Aufzeichnungspasswort bekannt ist: Setzen Sie DATAHUB_RECORDING_PASSWORD oder geben Sie es hier ein (es wird nur aufbewahrt, solange dieses Fenster geöffnet ist).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Read Encrypted Summaries</source>
        <translation>Verschlüsselte Zusammenfassungen lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recording password (DataHub&apos;s recording password):</source>
        <translation>Das Aufzeichnungspasswort (das Aufzeichnungspasswort von DataHub):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read Summaries</source>
        <translation>Zusammenfassungen lesen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No locations yet.

Add a folder (Add Folder…) or an S3 prefix (Add S3 Prefix…) to list the recordings in it, or type an s3:// address above.</source>
        <translation>Noch keine Speicherorte.

Fügen Sie einen Ordner (Ordner hinzufügen…) oder ein S3-Präfix (S3-Präfix hinzufügen…) hinzu, um die Aufzeichnungen darin aufzulisten, oder geben Sie oben eine s3://-Adresse ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking for recordings…</source>
        <translation>Aufzeichnungen werden gesucht…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No recording matches the search.</source>
        <translation>Keine Aufzeichnung entspricht der Suche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No recordings were found in the locations.

Press F5 to list them again.</source>
        <translation>In den Speicherorten wurden keine Aufzeichnungen gefunden.

Drücken Sie F5, um sie erneut aufzulisten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No recordings were found in this location.

Press F5 to list it again.</source>
        <translation>An diesem Speicherort wurden keine Aufzeichnungen gefunden.

Drücken Sie F5, um ihn erneut aufzulisten.</translation>
    </message>
</context>
<context>
    <name>tapedeck::ReplayDetailsView</name>
    <message numerus="yes">
        <location filename="../ui/replay/replaydetailsview.cpp" line="+56"/>
        <source>(%n byte(s) of binary data)</source>
        <translation>
            <numerusform>(%n Byte Binärdaten)</numerusform>
            <numerusform>(%n Bytes Binärdaten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>(%n byte(s) of %1)</source>
        <translation>
            <numerusform>(%1, %n Byte)</numerusform>
            <numerusform>(%1, %n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>binary data</source>
        <translation>Binärdaten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: recorded %2, sent %3</source>
        <translation>%1: aufgezeichnet %2, gesendet %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Go to Recorded Event</source>
        <translation>Zum aufgezeichneten Ereignis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show the recorded event in the Timeline tab (Alt+Left comes back)</source>
        <translation>Das aufgezeichnete Ereignis auf der Registerkarte „Zeitleiste“ anzeigen (Alt+Links kehrt zurück)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the standard phrase</source>
        <translation>der Standard-Statustext</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name: value, one per line</source>
        <translation>Name: Wert, einer pro Zeile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Headers:</source>
        <translation>&amp;Header:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Body:</source>
        <translation>&amp;Body:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+160"/>
        <location line="+63"/>
        <source>Send as Recorded</source>
        <translation>Wie aufgezeichnet senden</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Send Edited</source>
        <translation>Bearbeitet senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer with this response instead (kept in this replay only; the recording is not changed)</source>
        <translation>Stattdessen mit dieser Antwort antworten (gilt nur für diese Wiedergabe; die Aufzeichnung wird nicht verändert)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>error message</source>
        <translation>Fehlermeldung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer with Error</source>
        <translation>Mit Fehler antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close Connection</source>
        <translation>Verbindung schließen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Recorded request</source>
        <translation>Aufgezeichnete Anfrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What if:</source>
        <translation>Was wäre, wenn:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+115"/>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a request or statement of the replay.</source>
        <translation>Wählen Sie eine Anfrage oder Anweisung der Wiedergabe aus.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Go to Recorded Event #%1</source>
        <translation>Zum aufgezeichneten Ereignis #%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#%1  %2 %3 — %4</source>
        <translation>#%1  %2 %3 — %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (would get recorded event #%1)</source>
        <translation> (würde das aufgezeichnete Ereignis #%1 erhalten)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (nothing recorded matches)</source>
        <translation> (nichts Aufgezeichnetes passt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent (its headers and body were let go to bound memory)</source>
        <translation>Gesendet (Header und Body wurden verworfen, um den Speicher zu begrenzen)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded</source>
        <translation>Aufgezeichnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Sent by the client</source>
        <translation>Vom Client gesendet</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Recorded (interaction %1)</source>
        <translation>Aufgezeichnet (Interaktion %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+97"/>
        <source>Recorded: nothing matched</source>
        <translation>Aufgezeichnet: kein Treffer</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Nearest recorded request (not a match)</source>
        <translation>Nächste aufgezeichnete Anfrage (kein Treffer)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nothing recorded matches: as it is, it gets %1.</source>
        <translation>Nichts Aufgezeichnetes passt: So, wie sie ist, erhält sie %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>503 with the nearest recorded requests</source>
        <translation>503 mit den nächsten aufgezeichneten Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recorded body was %1-encoded; it is edited and sent decoded.</source>
        <translation>Der aufgezeichnete Body war %1-kodiert; er wird dekodiert bearbeitet und gesendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The body is longer than the editor shows; Send as Recorded keeps it whole.</source>
        <translation>Der Body ist länger, als der Editor anzeigt; „Wie aufgezeichnet senden“ sendet ihn vollständig.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send as Unmatched</source>
        <translation>Ohne Treffer senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response (held)</source>
        <translation>Antwort (angehalten)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+63"/>
        <source>The client went away before an answer was sent.</source>
        <translation>Der Client hat die Verbindung getrennt, bevor eine Antwort gesendet wurde.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Service Unavailable (Tapedeck: nothing recorded matches)

%2</source>
        <translation>%1 Service Unavailable (Tapedeck: nichts Aufgezeichnetes passt)

%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status %1 (synthesized answer)</source>
        <translation>Status %1 (erzeugte Antwort)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Response (edited)</source>
        <translation>Antwort (bearbeitet)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>#%1  %2 — %3</source>
        <translation>#%1  %2 — %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (would get recorded query at line %1)</source>
        <translation> (würde die aufgezeichnete Abfrage in Zeile %1 erhalten)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sent by the client (as DataHub&apos;s cursor would see it)</source>
        <translation>Vom Client gesendet (wie DataHubs Cursor sie sehen würde)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded (line %1)</source>
        <translation>Aufgezeichnet (Zeile %1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nearest recorded query (not a match)</source>
        <translation>Nächste aufgezeichnete Abfrage (kein Treffer)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>As it is, it gets the recorded answer: %n row(s).</source>
        <translation>
            <numerusform>So, wie sie ist, erhält sie die aufgezeichnete Antwort: %n Zeile.</numerusform>
            <numerusform>So, wie sie ist, erhält sie die aufgezeichnete Antwort: %n Zeilen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recording raised: %1</source>
        <translation>In der Aufzeichnung trat ein Fehler auf: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing recorded matches: as it is, it gets an error naming the nearest recorded queries.</source>
        <translation>Nichts Aufgezeichnetes passt: So, wie sie ist, erhält sie einen Fehler, der die nächsten aufgezeichneten Abfragen nennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result (held)</source>
        <translation>Ergebnis (angehalten)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ERROR: %1</source>
        <translation>FEHLER: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 (%n row(s) sent)</source>
        <translation>
            <numerusform>%1 (%n Zeile gesendet)</numerusform>
            <numerusform>%1 (%n Zeilen gesendet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>… %n more row(s)</source>
        <translation>
            <numerusform>… %n weitere Zeile</numerusform>
            <numerusform>… %n weitere Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(unreadable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1. line %2: %3</source>
        <translation>%1. Zeile %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>parameters differ (DataHub skips such a recording)</source>
        <translation>Parameter weichen ab (DataHub überspringt eine solche Aufzeichnung)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1. %2 %3</source>
        <translation>%1. %2 %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ignore query order</source>
        <translation>Query-Reihenfolge ignorieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ignore body</source>
        <translation>Body ignorieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ignore parameter %1</source>
        <translation>Parameter %1 ignorieren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Ranking again…</source>
        <translation>Wird neu bewertet…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With these options it would match recorded event #%1 (interaction %2).</source>
        <translation>Mit diesen Optionen würde sie das aufgezeichnete Ereignis #%1 treffen (Interaktion %2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Still unmatched with these options; the nearest recorded requests are ranked below.</source>
        <translation>Auch mit diesen Optionen kein Treffer; die nächsten aufgezeichneten Anfragen stehen unten nach Rang geordnet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Header line %1 is not &quot;Name: value&quot;: %2</source>
        <translation>Header-Zeile %1 hat nicht die Form „Name: Wert“: %2</translation>
    </message>
</context>
<context>
    <name>tapedeck::ReplayLogModel</name>
    <message>
        <location filename="../ui/replay/replaylogmodel.cpp" line="+259"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matched</source>
        <translation>getroffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synthesized</source>
        <translation>erzeugt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error chosen</source>
        <translation>Fehler gewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unmatched</source>
        <translation>ohne Treffer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>abandoned</source>
        <translation>verlassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 → #%2</source>
        <translation>%1 → #%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>client left</source>
        <translation>Client getrennt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+%1 s</source>
        <translation>+%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>Its recorded event had been served %n time(s), this one included</source>
        <translation>
            <numerusform>Das zugehörige aufgezeichnete Ereignis wurde %n-mal beantwortet, dieses Mal mitgezählt</numerusform>
            <numerusform>Das zugehörige aufgezeichnete Ereignis wurde %n-mal beantwortet, dieses Mal mitgezählt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Served</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrived</source>
        <translation>Eingetroffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>tapedeck::ReplayPanel</name>
    <message>
        <location filename="../ui/replay/replaypanel.cpp" line="+91"/>
        <source>Compare Replayed Metadata</source>
        <translation>Wiedergegebene Metadaten vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Edits as Patch…</source>
        <translation>Bearbeitungen als Patch exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Report as JSON…</source>
        <translation>Bericht als JSON speichern…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The command&apos;s output (stdout and stderr) appears here.</source>
        <translation>Die Ausgabe des Befehls (stdout und stderr) erscheint hier.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The replay&apos;s report appears here when it ends.</source>
        <translation>Der Bericht der Wiedergabe erscheint hier, wenn sie endet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A filter, e.g. url:~/dashboards/  sql:~information_schema  unmatched — Enter adds it</source>
        <translation>Ein Filter, z. B. url:~/dashboards/  sql:~information_schema  unmatched — die Eingabetaste fügt ihn hinzu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>That breakpoint does not parse</source>
        <translation>Dieser Haltepunkt lässt sich nicht auswerten</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Set-up</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breakpoints</source>
        <translation>Haltepunkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+315"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="-315"/>
        <source>Start the replay, or continue a paused one</source>
        <translation>Die Wiedergabe starten oder eine pausierte fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the command and end the replay (its report follows)</source>
        <translation>Den Befehl stoppen und die Wiedergabe beenden (ihr Bericht folgt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold every new request and statement</source>
        <translation>Jede neue Anfrage und Anweisung anhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer the oldest held request</source>
        <translation>Die älteste angehaltene Anfrage beantworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next Unmatched</source>
        <translation>Nächste ohne Treffer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer what is held and run on until a request or statement would go unmatched</source>
        <translation>Das Angehaltene beantworten und weiterlaufen, bis eine Anfrage oder Anweisung ohne Treffer bliebe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breakpoint</source>
        <translation>Haltepunkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold every request to the selected request&apos;s URL, or every run of its statement</source>
        <translation>Jede Anfrage an die URL der ausgewählten Anfrage anhalten oder jede Ausführung ihrer Anweisung</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The replay&apos;s options are not valid</source>
        <translation>Die Optionen der Wiedergabe sind ungültig</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The command could not be started</source>
        <translation>Der Befehl konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The command was ended by signal %1.</source>
        <translation>Der Befehl wurde durch Signal %1 beendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The command exited with status %1.</source>
        <translation>Der Befehl endete mit Status %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The command failed: %1</source>
        <translation>Der Befehl ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The replay could not start</source>
        <translation>Die Wiedergabe konnte nicht starten</translation>
    </message>
    <message numerus="yes">
        <location line="+66"/>
        <source>… %n more line(s): Save Report as JSON for all of it.</source>
        <translation>
            <numerusform>… %n weitere Zeile: „Bericht als JSON speichern“ sichert den ganzen Bericht.</numerusform>
            <numerusform>… %n weitere Zeilen: „Bericht als JSON speichern“ sichert den ganzen Bericht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replayed MCPs against the recorded (preset replay): %1</source>
        <translation>Wiedergegebene MCPs im Vergleich zu den aufgezeichneten (Voreinstellung replay): %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n URN(s) added, %1 removed, %2 aspect(s) changed</source>
        <translation>
            <numerusform>%n URN hinzugefügt, %1 entfernt, %2 Aspekt(e) geändert</numerusform>
            <numerusform>%n URNs hinzugefügt, %1 entfernt, %2 Aspekt(e) geändert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a recording to replay it.</source>
        <translation>Öffnen Sie eine Aufzeichnung, um sie wiederzugeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the timeline to be read…</source>
        <translation>Warte, bis die Zeitleiste gelesen ist…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready: set up the replay below and press Start (F5).</source>
        <translation>Bereit: Richten Sie die Wiedergabe unten ein und klicken Sie auf „Starten“ (F5).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running the command</source>
        <translation>Befehl läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Serving</source>
        <translation>Empfangsbereit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, paused</source>
        <translation>, pausiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, holding the next unmatched</source>
        <translation>, hält die nächste ohne Treffer an</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> — %n request(s) and statement(s)</source>
        <translation>
            <numerusform> — %n Anfrage bzw. Anweisung</numerusform>
            <numerusform> — %n Anfragen und Anweisungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n held</source>
        <translation>
            <numerusform>, %n angehalten</numerusform>
            <numerusform>, %n angehalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n unmatched</source>
        <translation>
            <numerusform>, %n ohne Treffer</numerusform>
            <numerusform>, %n ohne Treffer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finishing: comparing the replayed metadata…</source>
        <translation>Wird abgeschlossen: Die wiedergegebenen Metadaten werden verglichen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished: everything matched.</source>
        <translation>Abgeschlossen: Alles stimmt überein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished with differences (see the report).</source>
        <translation>Mit Unterschieden abgeschlossen (siehe Bericht).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The replay could not start.</source>
        <translation>Die Wiedergabe konnte nicht starten.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export Edits as Patch</source>
        <translation>Bearbeitungen als Patch exportieren</translation>
    </message>
    <message>
        <location line="-612"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+614"/>
        <source>The patch could not be saved</source>
        <translation>Der Patch konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-609"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+616"/>
        <source>Save Replay Report</source>
        <translation>Wiedergabebericht speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report could not be saved</source>
        <translation>Der Bericht konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>tapedeck::ReplaySetupView</name>
    <message>
        <location filename="../ui/replay/replaysetupview.cpp" line="+53"/>
        <source>Matching</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DataHub (the first recording answers every repeat)</source>
        <translation>DataHub (die erste Aufzeichnung beantwortet jede Wiederholung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequential (repeats get the recorded answers in order)</source>
        <translation>Sequenziell (Wiederholungen erhalten die aufgezeichneten Antworten der Reihe nach)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Policy:</source>
        <translation>&amp;Regel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore the order of query parameters</source>
        <translation>Reihenfolge der Query-Parameter ignorieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>names, comma-separated: requestId, ts</source>
        <translation>Namen, durch Kommas getrennt: requestId, ts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore query &amp;parameters:</source>
        <translation>Query-&amp;Parameter ignorieren:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore request bodies</source>
        <translation>Bodys der Anfragen ignorieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rules, comma-separated: root[&apos;requestId&apos;], root[**][&apos;timestamp&apos;]</source>
        <translation>Regeln, durch Kommas getrennt: root[&apos;requestId&apos;], root[**][&apos;timestamp&apos;]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore body p&amp;aths:</source>
        <translation>Body-Pfa&amp;de ignorieren:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left out of a miss&apos;s differences: User-Agent, Date</source>
        <translation>bei Anfragen ohne Treffer nicht als Unterschied gezeigt: User-Agent, Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignore &amp;headers:</source>
        <translation>&amp;Header ignorieren:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer 503 naming the nearest recorded requests</source>
        <translation>Mit 503 und den nächsten aufgezeichneten Anfragen antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the connection</source>
        <translation>Verbindung schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unmatched requests:</source>
        <translation>Anfragen ohne &amp;Treffer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>datahub ingest -c {recipe}   (empty: serve until Stop)</source>
        <translation>datahub ingest -c {recipe}   (leer: beantworten bis „Stoppen“)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert {recipe}</source>
        <translation>{recipe} einfügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The replay recipe: the recorded recipe pointed at the mock layer</source>
        <translation>Das Wiedergabe-Rezept: das aufgezeichnete Rezept, auf die Mock-Schicht umgelenkt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Run:</source>
        <translation>&amp;Ausführen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Working folder:</source>
        <translation>Arbeits&amp;ordner:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start the replay to open its endpoints.</source>
        <translation>Starten Sie die Wiedergabe, um ihre Endpunkte zu öffnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy export lines</source>
        <translation>export-Zeilen kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The variables that point a shell&apos;s clients at the replay, as export lines</source>
        <translation>Die Variablen, die die Clients einer Shell auf die Wiedergabe lenken, als export-Zeilen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy certificate</source>
        <translation>Zertifikat kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save certificate…</source>
        <translation>Zertifikat speichern…</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Ignore body paths: %1: %2</source>
        <translation>Body-Pfade ignorieren: %1: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Working Folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Set when the replay starts: HTTP_PROXY, HTTPS_PROXY, http_proxy, https_proxy, REQUESTS_CA_BUNDLE, SSL_CERT_FILE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, TAPEDECK_PROXY_URL, TAPEDECK_CA_BUNDLE, TAPEDECK_GMS_URL, TAPEDECK_POSTGRES_URL, TAPEDECK_RECIPE; NO_PROXY removed.</source>
        <translation>Beim Start der Wiedergabe gesetzt: HTTP_PROXY, HTTPS_PROXY, http_proxy, https_proxy, REQUESTS_CA_BUNDLE, SSL_CERT_FILE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS, AWS_CA_BUNDLE, TAPEDECK_PROXY_URL, TAPEDECK_CA_BUNDLE, TAPEDECK_GMS_URL, TAPEDECK_POSTGRES_URL, TAPEDECK_RECIPE; NO_PROXY entfernt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Proxy:       %1</source>
        <translation>Proxy:       %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GMS:         %1</source>
        <translation>GMS:         %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL:  %1</source>
        <translation>PostgreSQL:  %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recipe:      %1</source>
        <translation>Rezept:      %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reverse endpoints (one per recorded origin):</source>
        <translation>Reverse-Endpunkte (einer je aufgezeichnetem Ursprung):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (GMS)</source>
        <translation> (GMS)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recipe change: %1</source>
        <translation>Rezeptänderung: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recipe note: %1</source>
        <translation>Rezepthinweis: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(NO_PROXY and no_proxy are removed: a recorded host must not bypass the replay)</source>
        <translation>(NO_PROXY und no_proxy werden entfernt: Ein aufgezeichneter Host darf die Wiedergabe nicht umgehen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CA certificate: %1</source>
        <translation>CA-Zertifikat: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256-Fingerabdruck: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save CA Certificate</source>
        <translation>CA-Zertifikat speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>tapedeck::S3LocationDialog</name>
    <message>
        <location filename="../ui/storage/s3locationdialog.cpp" line="+29"/>
        <source>Add S3 Prefix</source>
        <translation>S3-Präfix hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s3://bucket/recordings/</source>
        <translation>s3://bucket/recordings/</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AWS_PROFILE, the environment&apos;s keys or &quot;default&quot;</source>
        <translation>AWS_PROFILE, die Schlüssel aus der Umgebung oder „default“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the profile&apos;s region</source>
        <translation>die Region des Profils</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AWS; or e.g. http://localhost:9000 for MinIO</source>
        <translation>AWS; oder z. B. http://localhost:9000 für MinIO</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recordings under the prefix are listed and their summaries read without downloading them. Credentials come from the named profile in ~/.aws or from the environment each time they are needed; Tapedeck stores only the profile&apos;s name.</source>
        <translation>Die Aufzeichnungen unter dem Präfix werden aufgelistet und ihre Zusammenfassungen gelesen, ohne sie herunterzuladen. Die Zugangsdaten stammen jedes Mal, wenn sie gebraucht werden, aus dem genannten Profil in ~/.aws oder aus der Umgebung; Tapedeck speichert nur den Namen des Profils.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Endpoint URL:</source>
        <translation>&amp;Endpunkt-URL:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The address starts with s3://, e.g. s3://bucket/recordings/.</source>
        <translation>Die Adresse beginnt mit s3://, z. B. s3://bucket/recordings/.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The endpoint is an http:// or https:// URL, e.g. https://s3.eu-central-1.amazonaws.com.</source>
        <translation>Der Endpunkt ist eine http://- oder https://-URL, z. B. https://s3.eu-central-1.amazonaws.com.</translation>
    </message>
</context>
<context>
    <name>tapedeck::SqlDetailPane</name>
    <message>
        <location filename="../ui/details/sqldetailpane.cpp" line="+44"/>
        <location line="+86"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Unreadable record: %1</source>
        <translation>Unlesbarer Datensatz: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error with an empty message (DataHub replays this record as a success)</source>
        <translation>Fehler mit leerer Meldung (DataHub gibt diesen Datensatz bei der Wiedergabe als Erfolg wieder)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(no query string)</source>
        <translation>(kein Abfragetext)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Parameters: none</source>
        <translation>Parameter: keine</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>the first %n shown (%1 of their text)</source>
        <translation>
            <numerusform>davon %n angezeigt, die erste (bis zu %1 ihres Texts)</numerusform>
            <numerusform>davon die ersten %n angezeigt (bis zu %1 ihres Texts)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DataHub replays the later record with this key (line %1, event %2)</source>
        <translation>DataHub spielt den späteren Datensatz mit diesem Schlüssel ab (Zeile %1, Ereignis %2)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Row count: %1</source>
        <translation>Zeilenanzahl: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 row recorded</source>
        <translation>1 Zeile aufgezeichnet</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows recorded</source>
        <translation>
            <numerusform>%n Zeile aufgezeichnet</numerusform>
            <numerusform>%n Zeilen aufgezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no replay key</source>
        <translation>kein Wiedergabeschlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>replay key %1</source>
        <translation>Wiedergabeschlüssel %1</translation>
    </message>
</context>
<context>
    <name>tapedeck::SqlRowsModel</name>
    <message>
        <location filename="../ui/details/sqlrowsmodel.cpp" line="+50"/>
        <source>(missing from this row)</source>
        <translation>(fehlt in dieser Zeile)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Bytes, shown as hex</source>
        <translation>Bytes, hexadezimal angezeigt</translation>
    </message>
</context>
<context>
    <name>tapedeck::TimelineModel</name>
    <message>
        <location filename="../ui/timeline/timelinemodel.cpp" line="+519"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="-492"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location line="+500"/>
        <source>–</source>
        <comment>no HTTP status recorded</comment>
        <translation>–</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>row count null</source>
        <translation>Zeilenanzahl null</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 row</source>
        <translation>1 Zeile</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n rows</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>request failed</source>
        <translation>Anfrage fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Carried 1 MCP to DataHub</source>
        <translation>Übertrug 1 MCP an DataHub</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Carried %n MCPs to DataHub</source>
        <translation>
            <numerusform>Übertrug %n MCP an DataHub</numerusform>
            <numerusform>Übertrug %n MCPs an DataHub</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MCP %1 of %2 in the body of event %3</source>
        <translation>MCP %1 von %2 im Body von Ereignis %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Never served by the replay</source>
        <translation>Von der Wiedergabe nie beantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Served once by the replay</source>
        <translation>Von der Wiedergabe einmal beantwortet</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Served %n times by the replay</source>
        <translation>
            <numerusform>Von der Wiedergabe %n-mal beantwortet</numerusform>
            <numerusform>Von der Wiedergabe %n-mal beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>URN: %1
Aspect: %2
Entity type: %3</source>
        <translation>URN: %1
Aspekt: %2
Entitätstyp: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Request body %1, response body %2</source>
        <translation>Anfrage-Body %1, Antwort-Body %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aspect %1</source>
        <translation>Aspekt %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Response content type: %1</source>
        <translation>Inhaltstyp der Antwort: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sequence number on the timeline (the filter&apos;s seq: and tapedeck-cli show use it)</source>
        <translation>Sequenznummer in der Zeitleiste (wird vom Filter seq: und von tapedeck-cli show verwendet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP exchange, SQL query or MCP (metadata change proposal)</source>
        <translation>HTTP-Aufruf, SQL-Abfrage oder MCP (Metadata Change Proposal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP method, SQL statement type, or MCP change type</source>
        <translation>HTTP-Methode, SQL-Anweisungstyp oder MCP-Änderungstyp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request URL, SQL statement, or MCP aspect and entity URN</source>
        <translation>Anfrage-URL, SQL-Anweisung oder MCP-Aspekt und Entitäts-URN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP status, SQL row count or error, or the failure of the request that carried an MCP</source>
        <translation>HTTP-Status, SQL-Zeilenanzahl oder -Fehler oder der Fehlschlag der Anfrage, die ein MCP übertragen hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HTTP request / response body size (only the response when the request had no body), or MCP aspect size</source>
        <translation>Größe des HTTP-Anfrage-/Antwort-Bodys (nur der Antwort, wenn die Anfrage keinen Body hatte) oder des MCP-Aspekts</translation>
    </message>
</context>
<context>
    <name>tapedeck::WelcomePage</name>
    <message>
        <location filename="../ui/welcomepage.cpp" line="+22"/>
        <source>Open a DataHub recording</source>
        <translation>Eine DataHub-Aufzeichnung öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tapedeck shows what an ingestion run recorded with “datahub ingest run --record”: the run&apos;s manifest, the archive&apos;s entries with their checksums, and the recipe. Open an archive, drop one onto this window, or start with the bundled sample.</source>
        <translation>Tapedeck zeigt, was ein mit „datahub ingest run --record“ aufgezeichneter Ingestion-Lauf festgehalten hat: das Manifest des Laufs, die Einträge des Archivs mit ihren Prüfsummen und das Recipe. Öffnen Sie ein Archiv, ziehen Sie eines auf dieses Fenster oder beginnen Sie mit dem mitgelieferten Beispiel.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open Recording…</source>
        <translation>Aufzeichnung öffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open Sample Recording</source>
        <translation>Beispielaufzeichnung öffnen</translation>
    </message>
</context>
<context>
    <name>tapedeck::replay::MockPostgresServer</name>
    <message>
        <location filename="../core/replay/pgserver.cpp" line="+143"/>
        <source>TLS handshake failed: %1</source>
        <translation>TLS-Handshake fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>unencrypted data after the SSL request</source>
        <translation>unverschlüsselte Daten nach der SSL-Anforderung</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>protocol version %1.%2</source>
        <translation>Protokollversion %1.%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported frontend protocol %1.%2: server supports 3.0 to 3.0</source>
        <translation>nicht unterstütztes Frontend-Protokoll %1.%2: Server unterstützt 3.0 bis 3.0</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no PostgreSQL user name specified in startup packet</source>
        <translation>kein PostgreSQL-Benutzername im Startpaket angegeben</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>expected a password message, got %1</source>
        <translation>Passwortnachricht erwartet, %1 empfangen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>client selected an invalid SASL authentication mechanism</source>
        <translation>Client hat einen ungültigen SASL-Authentifizierungsmechanismus gewählt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>malformed SCRAM message (channel binding is not offered)</source>
        <translation>fehlerhafte SCRAM-Nachricht (Channel-Binding wird nicht angeboten)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>malformed SCRAM message (no nonce)</source>
        <translation>fehlerhafte SCRAM-Nachricht (keine Nonce)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>malformed SCRAM message (nonce or proof)</source>
        <translation>fehlerhafte SCRAM-Nachricht (Nonce oder Proof)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>SCRAM-SHA-256 proof for user &quot;%1&quot; does not fit the password given to Tapedeck</source>
        <translation>der SCRAM-SHA-256-Proof für Benutzer „%1“ passt nicht zu dem Passwort, das Tapedeck übergeben wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>password authentication failed for user &quot;%1&quot;</source>
        <translation>Passwort-Authentifizierung für Benutzer »%1« fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>prepared statement &quot;%1&quot; already exists</source>
        <translation>vorbereitete Anweisung »%1« existiert bereits</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+32"/>
        <source>too many prepared statements and portals on one connection (at most %1)</source>
        <translation>zu viele vorbereitete Anweisungen und Portale auf einer Verbindung (höchstens %1)</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+44"/>
        <source>prepared statement &quot;%1&quot; does not exist</source>
        <translation>vorbereitete Anweisung »%1« existiert nicht</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>binary result format requested</source>
        <translation>binäres Ergebnisformat angefordert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the replay endpoint sends results in text format only</source>
        <translation>der Wiedergabe-Endpunkt sendet Ergebnisse nur im Textformat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>portal &quot;%1&quot; already exists</source>
        <translation>Portal »%1« existiert bereits</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+18"/>
        <source>portal &quot;%1&quot; does not exist</source>
        <translation>Portal »%1« existiert nicht</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>function call</source>
        <translation>Funktionsaufruf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the replay endpoint does not support function calls</source>
        <translation>der Wiedergabe-Endpunkt unterstützt keine Funktionsaufrufe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>invalid frontend message type %1</source>
        <translation>ungültiger Frontend-Nachrichtentyp %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown message type %1</source>
        <translation>unbekannter Nachrichtentyp %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the replay endpoint has no responder</source>
        <translation>der Wiedergabe-Endpunkt hat keinen Responder</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>statement %1 cancelled by the client</source>
        <translation>Anweisung %1 vom Client abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>canceling statement due to user request</source>
        <translation>storniere Anfrage wegen Benutzeraufforderung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>startup not finished within %1 ms</source>
        <translation>Verbindungsaufbau nicht innerhalb von %1 ms abgeschlossen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a message not finished within %1 ms</source>
        <translation>eine Nachricht nicht innerhalb von %1 ms abgeschlossen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 is not a loopback address: the mock layer listens on loopback only</source>
        <translation>%1 ist keine Loopback-Adresse: die Mock-Schicht lauscht nur auf Loopback</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the PostgreSQL endpoint is already listening</source>
        <translation>der PostgreSQL-Endpunkt lauscht bereits</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>kann auf %1 Port %2 nicht lauschen: %3</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>more than %1 connections</source>
        <translation>mehr als %1 Verbindungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sorry, too many clients already</source>
        <translation>tut mir leid, schon zu viele Verbindungen</translation>
    </message>
</context>
<context>
    <name>tapedeck::replay::ReplayController</name>
    <message>
        <location filename="../core/replay/replaycontroller.cpp" line="+171"/>
        <source>the replay is not serving</source>
        <translation>die Wiedergabe läuft nicht</translation>
    </message>
</context>
<context>
    <name>tapedeck::replay::ReplayRun</name>
    <message>
        <location filename="../core/replay/replayrun.cpp" line="+73"/>
        <source>the replay has been started already</source>
        <translation>die Wiedergabe wurde bereits gestartet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 has neither an HTTP cassette (%2) nor recorded queries (%3): nothing to serve but the GMS endpoint, which still captures the MCPs a command sends.</source>
        <translation>%1 hat weder eine HTTP-Kassette (%2) noch aufgezeichnete Abfragen (%3): Es gibt nichts auszuliefern außer dem GMS-Endpunkt, der die MCPs, die ein Befehl sendet, trotzdem aufnimmt.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>no replay recipe: %1</source>
        <translation>kein Replay-Rezept: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot create a temporary folder: %1</source>
        <translation>ein temporärer Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Proxy:          %1</source>
        <translation>Proxy:          %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GMS:            %1</source>
        <translation>GMS:            %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PostgreSQL:     %1</source>
        <translation>PostgreSQL:     %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA certificate: %1</source>
        <translation>CA-Zertifikat:  %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse endpoints (one per recorded origin):</source>
        <translation>Reverse-Endpunkte (einer je aufgezeichnetem Ursprung):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (GMS)</source>
        <translation> (GMS)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no command to run</source>
        <translation>kein Befehl zum Ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the command uses {recipe}, but the recording has no recipe to replay</source>
        <translation>der Befehl verwendet {recipe}, aber die Aufzeichnung hat kein Rezept für die Wiedergabe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the replay must be started before its command</source>
        <translation>die Wiedergabe muss vor ihrem Befehl gestartet werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a replay runs one command, and this one has run its command already</source>
        <translation>eine Wiedergabe führt einen Befehl aus, und diese hat ihren Befehl bereits ausgeführt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the working folder %1 does not exist</source>
        <translation>der Arbeitsordner %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: no such program in PATH</source>
        <translation>%1: kein solches Programm im PATH</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: no such file</source>
        <translation>%1: keine solche Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: not an executable file</source>
        <translation>%1: keine ausführbare Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+42"/>
        <source>the command could not be started: %1</source>
        <translation>der Befehl konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>the replay was never started</source>
        <translation>die Wiedergabe wurde nie gestartet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the replayed MCPs could not be compared: %1</source>
        <translation>die wiedergegebenen MCPs konnten nicht verglichen werden: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+1"/>
        <source>replay</source>
        <translation>Wiedergabe</translation>
    </message>
</context>
<context>
    <name>tapedeck::replay::ReplaySession</name>
    <message>
        <location filename="../core/replay/replaysession.cpp" line="+160"/>
        <source>the recording has no requests for %1 (recorded origins: %2)</source>
        <translation>die Aufzeichnung hat keine Anfragen an %1 (aufgezeichnete Ursprünge: %2)</translation>
    </message>
    <message>
        <location line="+294"/>
        <source>no recorded interaction %1</source>
        <translation>keine aufgezeichnete Interaktion %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Tapedeck replay: the recorded interaction could not be read: %1
</source>
        <translation>Tapedeck-Wiedergabe: die aufgezeichnete Interaktion konnte nicht gelesen werden: %1
</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>request %1 (%2 %3): %4</source>
        <translation>Anfrage %1 (%2 %3): %4</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tapedeck replay: the recorded answer (status %1) cannot be sent as HTTP/1.1.
</source>
        <translation>Tapedeck-Wiedergabe: die aufgezeichnete Antwort (Status %1) lässt sich nicht als HTTP/1.1 senden.
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>(a value)</source>
        <translation>(ein Wert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(another value)</source>
        <translation>(ein anderer Wert)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Tapedeck replay: answered with an error by the user</source>
        <translation>Tapedeck-Wiedergabe: vom Benutzer mit einem Fehler beantwortet</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+22"/>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>URI (query in any order)</source>
        <translation>URI (Query in beliebiger Reihenfolge)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>URI (exact)</source>
        <translation>URI (genau)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> without %1</source>
        <translation> ohne %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>body ignored (--ignore-body)</source>
        <translation>Body ignoriert (--ignore-body)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>body ignored (an auth endpoint, as DataHub does)</source>
        <translation>Body ignoriert (ein Auth-Endpunkt, wie bei DataHub)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>body as DataHub normalises it</source>
        <translation>Body, wie DataHub ihn normalisiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>body as DataHub normalises it, ignore paths left out</source>
        <translation>Body, wie DataHub ihn normalisiert, ohne die ignorierten Pfade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same %1</source>
        <translation>gleiche(r) %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (sent without a body; recorded with an empty one, which HTTP cannot tell apart)</source>
        <translation> (ohne Body gesendet; mit leerem Body aufgezeichnet, was HTTP nicht unterscheiden kann)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; %1 recorded with this key, datahub answers with the first</source>
        <translation>; %1 mit diesem Schlüssel aufgezeichnet, datahub antwortet mit der ersten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; %1 recorded with this key, sequential hands them out in order (this was use %2)</source>
        <translation>; %1 mit diesem Schlüssel aufgezeichnet, sequential gibt sie der Reihe nach aus (dies war Nutzung %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>query parameter</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Tapedeck replay: no recorded interaction matches this request.
  %1 %2
</source>
        <translation>Tapedeck-Wiedergabe: keine aufgezeichnete Interaktion passt zu dieser Anfrage.
  %1 %2
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Policy: datahub (the exact URI, the method and the body as DataHub normalises it).
</source>
        <translation>Regel: datahub (die genaue URI, die Methode und der Body, wie DataHub ihn normalisiert).
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy: sequential (the exact URI, the method and the body as DataHub normalises it).
</source>
        <translation>Regel: sequential (die genaue URI, die Methode und der Body, wie DataHub ihn normalisiert).
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recording has no HTTP interactions.
</source>
        <translation>Die Aufzeichnung hat keine HTTP-Interaktionen.
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nearest recorded requests:
</source>
        <translation>Nächste aufgezeichnete Anfragen:
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  %1. interaction %2 (timeline event %3): %4 %5
</source>
        <translation>  %1. Interaktion %2 (Zeitleisten-Ereignis %3): %4 %5
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>       %1: recorded %2, sent %3
</source>
        <translation>       %1: aufgezeichnet %2, gesendet %3
</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>       (the same request: its recorded answers are used up)
</source>
        <translation>       (dieselbe Anfrage: ihre aufgezeichneten Antworten sind aufgebraucht)
</translation>
    </message>
</context>
<context>
    <name>tapedeck::replay::SqlReplay</name>
    <message>
        <location filename="../core/replay/sqlreplay.cpp" line="+544"/>
        <source>Tapedeck replay: answered with an error by the user</source>
        <translation>Tapedeck-Wiedergabe: vom Benutzer mit einem Fehler beantwortet</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>current transaction is aborted, commands ignored until end of transaction block</source>
        <translation>aktuelle Transaktion wurde abgebrochen, Befehle werden bis zum Ende der Transaktion ignoriert</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+78"/>
        <source>recorded query at line %1 cannot be read</source>
        <translation>die aufgezeichnete Abfrage in Zeile %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>the replay endpoint sends results in text format only</source>
        <translation>der Wiedergabe-Endpunkt sendet Ergebnisse nur im Textformat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the replay endpoint moves cursors forward only</source>
        <translation>der Wiedergabe-Endpunkt bewegt Cursor nur vorwärts</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+86"/>
        <source>cursor &quot;%1&quot; does not exist</source>
        <translation>Cursor »%1« existiert nicht</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Query not found in recordings (Tapedeck air-gapped replay): %1</source>
        <translation>Abfrage nicht in den Aufzeichnungen gefunden (abgeschottete Tapedeck-Wiedergabe): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is sent to a real database during a replay; tapedeck-cli replay --json lists every statement with its outcome.</source>
        <translation>Während einer Wiedergabe wird nichts an eine echte Datenbank gesendet; tapedeck-cli replay --json listet jede Anweisung mit ihrem Ergebnis auf.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The recording has no queries.</source>
        <translation>Die Aufzeichnung hat keine Abfragen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nearest recorded queries (normalised as DataHub does, difflib ratio; %1 needed):</source>
        <translation>Nächste aufgezeichnete Abfragen (normalisiert wie bei DataHub, difflib-Verhältnis; %1 nötig):</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>recorded &quot;%1&quot;, sent &quot;%2&quot;</source>
        <translation>aufgezeichnet „%1“, gesendet „%2“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>- line %1, ratio %2</source>
        <translation>- Zeile %1, Verhältnis %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>; parameters: recorded %1, sent %2</source>
        <translation>; Parameter: aufgezeichnet %1, gesendet %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (DataHub skips a recording whose parameters differ)</source>
        <translation> (DataHub überspringt eine Aufzeichnung mit abweichenden Parametern)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>answered as PostgreSQL answers it (a statement drivers send on their own)</source>
        <translation>so beantwortet, wie PostgreSQL sie beantwortet (eine Anweisung, die Treiber von sich aus senden)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the replay key (query and parameters) of the recorded query at line %1</source>
        <translation>der Wiedergabeschlüssel (Abfrage und Parameter) der aufgezeichneten Abfrage in Zeile %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; %1 recordings share it, served in recorded order</source>
        <translation>; %1 Aufzeichnungen teilen ihn, in aufgezeichneter Reihenfolge beantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; %1 recordings share it, DataHub serves the last</source>
        <translation>; %1 Aufzeichnungen teilen ihn, DataHub liefert die letzte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the normalised query&apos;s key of the recorded query at line %1</source>
        <translation>der normalisierte Abfrageschlüssel der aufgezeichneten Abfrage in Zeile %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; %1 recordings share it, DataHub serves the first</source>
        <translation>; %1 Aufzeichnungen teilen ihn, DataHub liefert die erste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>difflib ratio %1 ≥ %2 with the recorded query at line %3</source>
        <translation>difflib-Verhältnis %1 ≥ %2 zur aufgezeichneten Abfrage in Zeile %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (parameters taken back from the literals psycopg2 sent)</source>
        <translation> (Parameter aus den Literalen zurückgewonnen, die psycopg2 gesendet hat)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ($n bindings mapped onto the recorded template)</source>
        <translation> ($n-Bindungen auf die aufgezeichnete Vorlage abgebildet)</translation>
    </message>
</context>
</TS>
