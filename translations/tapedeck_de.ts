<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CentralDirectory</name>
    <message>
        <location filename="../core/archive/centraldirectory.cpp" line="+43"/>
        <source>the ZIP directory is damaged (%1)</source>
        <translation>das ZIP-Verzeichnis ist beschädigt (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>file too small</source>
        <translation>Datei zu klein</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no end-of-directory record</source>
        <translation>kein Verzeichnisende-Eintrag</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>bad ZIP64 end-of-directory record</source>
        <translation>fehlerhafter ZIP64-Verzeichnisende-Eintrag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>directory larger than the file</source>
        <translation>Verzeichnis größer als die Datei</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>directory truncated</source>
        <translation>Verzeichnis abgeschnitten</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>central header %1 overruns the directory</source>
        <translation>zentraler Header %1 reicht über das Verzeichnis hinaus</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 entries declared, %2 found</source>
        <translation>%1 Einträge angegeben, %2 gefunden</translation>
    </message>
</context>
<context>
    <name>EntryName</name>
    <message>
        <location filename="../core/archive/entryname.cpp" line="+12"/>
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
        <location filename="../core/archive/extractor.cpp" line="+44"/>
        <location line="+159"/>
        <source>%1 exists and is not a folder</source>
        <translation>%1 existiert und ist kein Ordner</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>the folder %1 could not be created: %2</source>
        <translation>der Ordner %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>a staging folder could not be created in %1: %2</source>
        <translation>in %1 konnte kein Zwischenordner angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+186"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>%1: entry &quot;%2&quot; is refused: %3</source>
        <translation>%1: Eintrag „%2“ wird abgelehnt: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: entry &quot;%2&quot; is a symbolic link; links are never extracted</source>
        <translation>%1: Eintrag „%2“ ist ein symbolischer Link; Links werden nie entpackt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: entry &quot;%2&quot; appears twice</source>
        <translation>%1: Eintrag „%2“ kommt doppelt vor</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 already exists and is not empty; use --force to overwrite its files</source>
        <translation>%1 existiert bereits und ist nicht leer; mit --force werden die Dateien darin überschrieben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the folder %1 could not be created</source>
        <translation>der Ordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 has no manifest.json, so it is not a DataHub recording; nothing was extracted</source>
        <translation>%1 hat keine manifest.json und ist daher keine DataHub-Aufzeichnung; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1; nothing was extracted</source>
        <translation>%1; es wurde nichts entpackt</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: checksum mismatch for %2; nothing was extracted (use --ignore-checksums to extract anyway)</source>
        <translation>%1: Prüfsumme von %2 stimmt nicht; es wurde nichts entpackt (mit --ignore-checksums trotzdem entpacken)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the empty folder %1 could not be replaced</source>
        <translation>der leere Ordner %1 konnte nicht ersetzt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>%1 could not be moved into place: %2</source>
        <translation>%1 konnte nicht an den Zielort verschoben werden: %2</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 is a folder and cannot be replaced by a file</source>
        <translation>%1 ist ein Ordner und kann nicht durch eine Datei ersetzt werden</translation>
    </message>
</context>
<context>
    <name>Manifest</name>
    <message>
        <location filename="../core/archive/manifest.cpp" line="+23"/>
        <source>&quot;%1&quot; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+32"/>
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
        <location line="+2"/>
        <source>format_version %1 is newer than this Tapedeck knows (1.x)</source>
        <translation>format_version %1 ist neuer als die Versionen, die dieses Tapedeck kennt (1.x)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the checksum of %1 is not a SHA-256 digest</source>
        <translation>die Prüfsumme von %1 ist kein SHA-256-Hashwert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;checksums&quot; is not an object</source>
        <translation>„checksums“ ist kein Objekt</translation>
    </message>
</context>
<context>
    <name>Packer</name>
    <message>
        <location filename="../core/archive/packer.cpp" line="+43"/>
        <location line="+6"/>
        <location line="+37"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password is needed to create an encrypted archive</source>
        <translation>für ein verschlüsseltes Archiv wird ein Passwort benötigt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is a symbolic link; recordings hold regular files only</source>
        <translation>%1 ist ein symbolischer Link; Aufzeichnungen enthalten nur reguläre Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be stored: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has no manifest.json; pack expects an extracted recording</source>
        <translation>%1 hat keine manifest.json; pack erwartet eine entpackte Aufzeichnung</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 already exists; use --force to replace it</source>
        <translation>%1 existiert bereits; mit --force wird es ersetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a folder</source>
        <translation>%1 ist ein Ordner</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be written (%2): %3</source>
        <translation>%1 konnte nicht geschrieben werden (%2): %3</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <location filename="../core/archive/passwordsources.cpp" line="+22"/>
        <source>the password file %1 could not be read: %2</source>
        <translation>die Passwortdatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the password file %1 is empty</source>
        <translation>die Passwortdatei %1 ist leer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--password</source>
        <translation>--password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--password-file</source>
        <translation>--password-file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>prompt</source>
        <translation>Eingabeaufforderung</translation>
    </message>
</context>
<context>
    <name>Recipe</name>
    <message>
        <location filename="../core/archive/recipe.cpp" line="+69"/>
        <source>the YAML parser could not be initialised</source>
        <translation>der YAML-Parser konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 expands to more than %2 nodes</source>
        <translation>%1 ergibt mehr als %2 Knoten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;complex key&gt;</source>
        <translation>&lt;komplexer Schlüssel&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is not valid YAML (line %2, column %3: %4)</source>
        <translation>%1 ist kein gültiges YAML (Zeile %2, Spalte %3: %4)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 uses an undefined alias *%2 (line %3)</source>
        <translation>%1 verwendet einen undefinierten Alias *%2 (Zeile %3)</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <location filename="../core/recording/recording.cpp" line="+82"/>
        <source>%1: entry &quot;%2&quot; is refused: %3</source>
        <translation>%1: Eintrag „%2“ wird abgelehnt: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>symbolic links are not read</source>
        <translation>symbolische Links werden nicht gelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: entry &quot;%2&quot; is a symbolic link; links are refused</source>
        <translation>%1: Eintrag „%2“ ist ein symbolischer Link; Links werden abgelehnt</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1: checksum mismatch for %2 (the manifest says %3, the content hashes to %4)</source>
        <translation>%1: Prüfsumme von %2 stimmt nicht (laut Manifest %3, der Inhalt ergibt %4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 has no manifest.json, so it is not a DataHub recording or its manifest was lost</source>
        <translation>%1 hat keine manifest.json: Es ist keine DataHub-Aufzeichnung, oder ihr Manifest ist verloren gegangen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2 is listed in the manifest but missing</source>
        <translation>%1: %2 ist im Manifest aufgeführt, fehlt aber</translation>
    </message>
</context>
<context>
    <name>RecordingList</name>
    <message>
        <location filename="../core/recording/recordinglist.cpp" line="+44"/>
        <source>%1 has no manifest.json</source>
        <translation>%1 hat keine manifest.json</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>locked (no password given)</source>
        <translation>gesperrt (kein Passwort angegeben)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>manifest.json is implausibly large</source>
        <translation>manifest.json ist unplausibel groß</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the folder %1 does not exist</source>
        <translation>der Ordner %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>RecordingSource</name>
    <message>
        <location filename="../core/recording/recordingsource.cpp" line="+49"/>
        <source>%1 has no entry &quot;%2&quot;</source>
        <translation>%1 hat keinen Eintrag „%2“</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 has no file &quot;%2&quot;</source>
        <translation>%1 enthält keine Datei „%2“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: &quot;%2&quot; is a symbolic link; links are not followed</source>
        <translation>%1: „%2“ ist ein symbolischer Link; Links wird nicht gefolgt</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
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
        <location line="+2"/>
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
        <location line="+2"/>
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
        <location line="+36"/>
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
        <location line="+60"/>
        <source>the LZMA stream ends early</source>
        <translation>der LZMA-Datenstrom endet vorzeitig</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>invalid LZMA properties</source>
        <translation>ungültige LZMA-Eigenschaften</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>liblzma rejected the stream parameters (%1)</source>
        <translation>liblzma hat die Parameter des Datenstroms abgelehnt (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+16"/>
        <source>data after the end of the LZMA stream</source>
        <translation>Daten nach dem Ende des LZMA-Datenstroms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>liblzma error %1</source>
        <translation>liblzma-Fehler %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>compression method %1 is not supported</source>
        <translation>Kompressionsverfahren %1 wird nicht unterstützt</translation>
    </message>
</context>
<context>
    <name>WinZipAesDecryptor</name>
    <message>
        <location filename="../core/archive/winzipaes.cpp" line="+50"/>
        <source>unknown WinZip AES strength %1</source>
        <translation>unbekannte WinZip-AES-Schlüsselstärke %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the WinZip AES header is truncated</source>
        <translation>der WinZip-AES-Header ist abgeschnitten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>key derivation failed</source>
        <translation>Schlüsselableitung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrong password</source>
        <translation>falsches Passwort</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>AES could not be initialised</source>
        <translation>AES konnte nicht initialisiert werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HMAC-SHA1 could not be initialised</source>
        <translation>HMAC-SHA1 konnte nicht initialisiert werden</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <location filename="../core/archive/ziparchive.cpp" line="+74"/>
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
        <location line="+6"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be opened as a ZIP archive: %2</source>
        <translation>%1 konnte nicht als ZIP-Archiv geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is empty, not a ZIP archive</source>
        <translation>%1 ist leer, kein ZIP-Archiv</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1: entry %2 cannot be read from the ZIP directory</source>
        <translation>%1: Eintrag %2 kann nicht aus dem ZIP-Verzeichnis gelesen werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: entry %2 declares an impossible size</source>
        <translation>%1: Eintrag %2 gibt eine unmögliche Größe an</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+78"/>
        <location line="+83"/>
        <source>the encrypted data is truncated</source>
        <translation>die verschlüsselten Daten sind abgeschnitten</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>%1: entry &quot;%2&quot;: %3</source>
        <translation>%1: Eintrag „%2“: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: wrong password</source>
        <translation>%1: falsches Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is encrypted and no password was given</source>
        <translation>%1 ist verschlüsselt, aber es wurde kein Passwort angegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CRC-32 mismatch: the data was modified or damaged</source>
        <translation>CRC-32 stimmt nicht: Die Daten wurden verändert oder beschädigt</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>authentication failed (HMAC mismatch): the encrypted data was modified or damaged</source>
        <translation>Authentifizierung fehlgeschlagen (HMAC stimmt nicht): Die verschlüsselten Daten wurden verändert oder beschädigt</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+16"/>
        <source>the encryption method is not supported</source>
        <translation>das Verschlüsselungsverfahren wird nicht unterstützt</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>the archive is truncated or damaged (%1)</source>
        <translation>das Archiv ist abgeschnitten oder beschädigt (%1)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>it produces more data than the %1 bytes it declares</source>
        <translation>er liefert mehr Daten als die angegebenen %1 Bytes</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location filename="../app/gui/main.cpp" line="+32"/>
        <source>Inspects recorded DataHub ingestion runs.</source>
        <translation>Untersucht aufgezeichnete DataHub-Ingestion-Läufe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recording to open: an archive or an extracted recording folder.</source>
        <translation>Die zu öffnende Aufzeichnung: ein Archiv oder ein Ordner mit einer entpackten Aufzeichnung.</translation>
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
        <location filename="../ui/banner.cpp" line="+81"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>tapedeck::EntriesModel</name>
    <message>
        <location filename="../ui/entriesmodel.cpp" line="+40"/>
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
    <name>tapedeck::LoadingBar</name>
    <message>
        <location filename="../ui/loadingbar.cpp" line="+16"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>tapedeck::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+117"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+17"/>
        <source>Opening %1 was cancelled.</source>
        <translation>Das Öffnen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+3"/>
        <source>Open &amp;Sample Recording</source>
        <translation>&amp;Beispielaufzeichnung öffnen</translation>
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
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+32"/>
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
    <message>
        <location line="+57"/>
        <source>The sample recording is not installed.</source>
        <translation>Die Beispielaufzeichnung ist nicht installiert.</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+2"/>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (erstellt mit Qt %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licensed under the MIT License.</source>
        <translation>Lizenziert unter der MIT-Lizenz.</translation>
    </message>
    <message>
        <location line="+87"/>
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
        <location line="+26"/>
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
        <location line="+6"/>
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
    <message>
        <location line="-26"/>
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
        <location line="+7"/>
        <source>No checksums listed</source>
        <translation>Keine Prüfsummen aufgeführt</translation>
    </message>
</context>
<context>
    <name>tapedeck::ManifestPanel</name>
    <message>
        <location filename="../ui/manifestpanel.cpp" line="+42"/>
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
    <name>tapedeck::PasswordDialog</name>
    <message>
        <location filename="../ui/passworddialog.cpp" line="+33"/>
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
        <location line="+39"/>
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
        <location line="+28"/>
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
        <location line="+19"/>
        <source>Checking the password…</source>
        <translation>Das Passwort wird geprüft…</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecipeModel</name>
    <message>
        <location filename="../ui/recipemodel.cpp" line="+47"/>
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
    <name>tapedeck::RecordingLoader</name>
    <message>
        <location filename="../ui/recordingloader.cpp" line="+47"/>
        <source>%1: loading was cancelled</source>
        <translation>%1: Das Laden wurde abgebrochen</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Wrong password. Check it (including upper and lower case) and try again.</source>
        <translation>Falsches Passwort. Prüfen Sie es (auch auf Groß- und Kleinschreibung) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password from %1 is wrong for this recording. Enter the right one.</source>
        <translation>Das Passwort aus %1 passt nicht zu dieser Aufzeichnung. Geben Sie das richtige ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sample&apos;s documented password was refused. Enter the password of this recording.</source>
        <translation>Das dokumentierte Passwort des Beispiels wurde abgelehnt. Geben Sie das Passwort dieser Aufzeichnung ein.</translation>
    </message>
</context>
<context>
    <name>tapedeck::RecordingView</name>
    <message>
        <location filename="../ui/recordingview.cpp" line="+84"/>
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
</TS>
