<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../gui/app.py" line="68"/>
        <source>Nianbao report editor</source>
        <translation>政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="87"/>
        <source>Cannot open the file</source>
        <translation>无法打开</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="116"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="102"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="104"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="118"/>
        <source>Recent Files</source>
        <translation>最近文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="106"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="121"/>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="108"/>
        <source>Import (Excel, Word, PDF, web page, text)…</source>
        <translation>导入（Excel、Word、PDF、网页、文本）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="124"/>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="111"/>
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="110"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113"/>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="126"/>
        <source>Export Word…</source>
        <translation>导出Word…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="127"/>
        <source>Export Web Page (HTML)…</source>
        <translation>导出网页（HTML）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="129"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="130"/>
        <source>Font for PDF and Printing…</source>
        <translation>PDF与打印字体…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132"/>
        <source>New from Last Year’s Report…</source>
        <translation>从上年报告新建…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="133"/>
        <source>Link Last Year’s Report…</source>
        <translation>关联上年报告…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="135"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="137"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="138"/>
        <location filename="../../gui/main_window.py" line="141"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="142"/>
        <location filename="../../gui/main_window.py" line="145"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="149"/>
        <source>Fill Blank Cells with 0</source>
        <translation>空白单元格全部填0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="150"/>
        <source>Report Details (agency, year)…</source>
        <translation>报告信息（机关、年度）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="152"/>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="153"/>
        <source>Next Problem</source>
        <translation>下一个问题</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="156"/>
        <source>Previous Problem</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="157"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="158"/>
        <location filename="../../gui/main_window.py" line="410"/>
        <source>About Nianbao</source>
        <translation>关于政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="159"/>
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="161"/>
        <source>Main Toolbar</source>
        <translation>常用工具栏</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="207"/>
        <source>Check Results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="270"/>
        <source>Preamble (the note before section one; optional)</source>
        <translation>引言（报告开头的说明，可不填）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="273"/>
        <source>draft from last year’s report — please review</source>
        <translation>上年报告转来的草稿，请审阅</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="297"/>
        <source>Layout: {name}</source>
        <translation>格式：{name}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="304"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="304"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="305"/>
        <source>【{tag}】{message}</source>
        <translation>【{tag}】{message}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="310"/>
        <source>✓ No problems: totals and consistency rules all hold</source>
        <translation>✓ 未发现问题：合计与勾稽关系均已核对</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="312"/>
        <source>{errors} errors&#x3000;{warnings} warnings</source>
        <translation>错误 {errors} 个&#x3000;提示 {warnings} 个</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="313"/>
        <location filename="../../gui/main_window.py" line="392"/>
        <source>All checks pass</source>
        <translation>检查通过</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="314"/>
        <source>Check Results ({errors} errors, {warnings} warnings)</source>
        <translation>检查结果（错误 {errors}，提示 {warnings}）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="321"/>
        <source>{title} (not saved)</source>
        <translation>{title}（未保存）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="323"/>
        <source>{name}{mark} — Nianbao report editor</source>
        <translation>{name}{mark} — 政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="405"/>
        <source>Nianbao {version}

An editor for the annual report on government information disclosure, in the official 2021 and 2019 layouts: totals computed, consistency rules checked as you type, import from Excel, Word and web pages, export to Excel and PDF.

Works offline; reports are saved as .nianbao files on this computer.</source>
        <translation>政务公开年报编辑器 {version}

编辑政府信息公开工作年度报告，支持2021年版和2019年版官方格式：自动计算合计，录入时即时检查勾稽关系，可从Excel、Word、网页导入，导出为Excel和PDF。

无需联网；报告以 .nianbao 文件保存在本机。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="417"/>
        <source>Fill blank cells with 0</source>
        <translation>空白单元格填0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="418"/>
        <source>Filled {count} blank cells with 0</source>
        <translation>已将{count}个空白单元格填为0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="422"/>
        <source>Report Details</source>
        <translation>报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="434"/>
        <source>Change report details</source>
        <translation>修改报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="436"/>
        <source>Cannot change the report details</source>
        <translation>无法修改报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="471"/>
        <location filename="../../gui/main_window.py" line="638"/>
        <source>Cannot create the report</source>
        <translation>无法生成</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="478"/>
        <source>Open Report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="489"/>
        <source>Cannot open the file</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="503"/>
        <source>Import Report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="505"/>
        <source>Importable reports ({patterns});;All files (*)</source>
        <translation>可导入的报告 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="523"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="526"/>
        <source>Imported {count} values from “{name}”.</source>
        <translation>已从“{name}”导入{count}个数值。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="527"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="560"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="561"/>
        <source>PDF file (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="562"/>
        <source>Word document (*.docx)</source>
        <translation>Word文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="563"/>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="566"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="579"/>
        <source>Choose the PDF font (TrueType: .ttf/.ttc)</source>
        <translation>选择PDF字体（TrueType：.ttf/.ttc）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="581"/>
        <source>TrueType fonts (*.ttf *.ttc);;All files (*)</source>
        <translation>TrueType字体 (*.ttf *.ttc);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="592"/>
        <source>Cannot use this font</source>
        <translation>无法使用此字体</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="593"/>
        <source>Only TrueType fonts can be used (OpenType/CFF fonts cannot be embedded in a PDF).</source>
        <translation>只能使用TrueType字体（OpenType/CFF字体无法嵌入PDF）。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="597"/>
        <source>PDF and printing will use the font {name}</source>
        <translation>PDF与打印将使用字体：{name}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="612"/>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="620"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="622"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="629"/>
        <location filename="../../gui/main_window.py" line="646"/>
        <source>Choose Last Year’s Report</source>
        <translation>选择上年报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="642"/>
        <source>New from Last Year’s Report</source>
        <translation>从上年报告新建</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="658"/>
        <source>Link last year’s report</source>
        <translation>关联上年报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="660"/>
        <source>Cannot link the report</source>
        <translation>无法关联</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="662"/>
        <source>Linked last year’s report: {title}</source>
        <translation>已关联上年报告：{title}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="672"/>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="686"/>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="687"/>
        <source>{reason}

The report is still open; you can save it somewhere else.</source>
        <translation>{reason}

报告仍然打开，可以换一个位置另存。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="693"/>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="707"/>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="714"/>
        <source>a new report never saved</source>
        <translation>未保存过的新报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="726"/>
        <source>Nianbao reports (*.nianbao);;All files (*)</source>
        <translation>年报文件 (*.nianbao);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <location filename="../../gui/dialogs.py" line="18"/>
        <source>New Report</source>
        <translation>新建报告</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="27"/>
        <source>e.g. 某某市某某局</source>
        <translation>如：某某市某某局</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="28"/>
        <source>Layout</source>
        <translation>报告格式</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="29"/>
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="30"/>
        <source>Agency</source>
        <translation>机关名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="32"/>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="33"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../gui/printing.py" line="102"/>
        <source>Print Preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../../gui/printing.py" line="118"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>ReportGrid</name>
    <message>
        <location filename="../../gui/grid_view.py" line="179"/>
        <source>Clear cells</source>
        <translation>清除单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="228"/>
        <source>Paste not done: {cell}: {reason} (no cell was changed)</source>
        <translation>粘贴未完成：{cell}：{reason}（没有改动任何单元格）</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="232"/>
        <source>Paste {count} cells</source>
        <translation>粘贴{count}个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="233"/>
        <source>Pasted {count} cells</source>
        <translation>已粘贴{count}个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="235"/>
        <source>skipped {count} totals or labels</source>
        <translation>跳过{count}个合计或标题单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="237"/>
        <source>{count} outside the table not pasted</source>
        <translation>{count}个超出表格范围未粘贴</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="238"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>TableGridModel</name>
    <message>
        <location filename="../../gui/table_model.py" line="123"/>
        <source>A computed total; it cannot be typed in</source>
        <translation>自动计算的合计，不能直接填写</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="126"/>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="127"/>
        <source>Last year ({year}): {value}</source>
        <translation>上年（{year}年）：{value}</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="152"/>
        <source>Enter a value</source>
        <translation>填写单元格</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="154"/>
        <source>Not accepted: {reason}</source>
        <translation>未接受：{reason}</translation>
    </message>
</context>
<context>
    <name>TextSectionEditor</name>
    <message>
        <location filename="../../gui/text_editor.py" line="29"/>
        <source>Write “{title}” here</source>
        <translation>在此填写“{title}”</translation>
    </message>
    <message>
        <location filename="../../gui/text_editor.py" line="64"/>
        <source>Edit “{title}”</source>
        <translation>编辑“{title}”</translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <location filename="../../gui/context.py" line="24"/>
        <source>“{name}” has unsaved changes. Save them?</source>
        <translation>“{name}”有尚未保存的更改，是否保存？</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="29"/>
        <source>Save Changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="33"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="35"/>
        <source>Don’t Save</source>
        <translation>不保存</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="37"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="48"/>
        <source>No report title in the file: enter the agency and the year</source>
        <translation>文件中没有报告标题：请填写机关名称和年度</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="57"/>
        <source>The program stopped unexpectedly last time and left unsaved changes:
{what}

Restore them?</source>
        <translation>上次程序意外退出，留下了未保存的更改：
{what}

是否恢复？</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="63"/>
        <source>Restore Unsaved Report</source>
        <translation>恢复未保存的报告</translation>
    </message>
</context>
</TS>
