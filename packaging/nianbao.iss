; Inno Setup script: the Windows installer for the one-folder bundle (Inno Setup 6).
; scripts\build_bundle.py runs it when iscc.exe is found; by hand:
;   iscc /DAppVersion=0.1.0 /DBundleDir=C:\out\nianbao /OC:\out packaging\nianbao.iss
; Per-user install (no administrator rights): program files under %LOCALAPPDATA%\Programs\Nianbao,
; the start-menu entry and the .nianbao association in the user's own registry (HKCU\Software\Classes).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\dist\nianbao"
#endif
#define AppName "政务公开年报编辑器"
#define ProgId "Nianbao.Report"
; nianbaow.exe has no console window (start menu, double-clicked files); nianbao.exe is the command line.
#define GuiExe "nianbaow.exe"

[Setup]
AppId={{6F0C3E2A-9B7D-4C4B-8E51-2D6A3B1F7C90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Nianbao
DefaultDirName={autopf}\Nianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile={#SourcePath}..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=nianbao-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Comment: "填报、检查、导入和导出政府信息公开工作年度报告"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; The association, per user; every key and value here goes with the uninstaller.
Root: HKCU; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-nianbao"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "政务公开年报"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python writes nothing into the program folder, but a crash report or a user's stray file may land there.
Type: dirifempty; Name: "{app}"
