<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../gui/app.py" line="69" />
        <source>Nianbao report editor</source>
        <translation>政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="99" />
        <source>Cannot open the file</source>
        <translation>无法打开</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../gui/guide.py" line="27" />
        <source>User Guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../gui/guide.py" line="37" />
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location filename="../../gui/guide.py" line="40" />
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location filename="../../gui/guide.py" line="43" />
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <location filename="../../gui/guide.py" line="45" />
        <source>Printable Version (PDF)</source>
        <translation>打印版（PDF）</translation>
    </message>
    <message>
        <location filename="../../gui/guide.py" line="48" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <location filename="../../gui/import_summary.py" line="22" />
        <source>… and {count} more warnings (Check › Import Log)</source>
        <translation>……另有{count}条警告（见“检查 › 导入记录”）</translation>
    </message>
    <message>
        <location filename="../../gui/import_summary.py" line="27" />
        <source>Where each value came from: Check › Import Log</source>
        <translation>每个数值的来源：见“检查 › 导入记录”</translation>
    </message>
    <message>
        <location filename="../../gui/import_summary.py" line="37" />
        <source>Import Log — {name}</source>
        <translation>导入记录 — {name}</translation>
    </message>
    <message>
        <location filename="../../gui/import_summary.py" line="43" />
        <source>Nothing was logged.</source>
        <translation>没有记录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="121" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="107" />
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="109" />
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="123" />
        <source>Recent Files</source>
        <translation>最近文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="111" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="126" />
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="129" />
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="116" />
        <source>Export PDF…</source>
        <translation>导出PDF…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113" />
        <source>Import (Excel, Word, PDF, web page, text)…</source>
        <translation>导入（Excel、Word、PDF、网页、文本）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="115" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="118" />
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="131" />
        <source>Export Word…</source>
        <translation>导出Word…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="132" />
        <source>Export Web Page (HTML)…</source>
        <translation>导出网页（HTML）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="134" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="135" />
        <source>Font for PDF and Printing…</source>
        <translation>PDF与打印字体…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="137" />
        <source>New from Last Year’s Report…</source>
        <translation>从上年报告新建…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="138" />
        <source>Link Last Year’s Report…</source>
        <translation>关联上年报告…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="139" />
        <source>汇总与审核…</source>
        <translation>汇总与审核…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="141" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="143" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="144" />
        <location filename="../../gui/main_window.py" line="147" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="148" />
        <location filename="../../gui/main_window.py" line="153" />
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="157" />
        <source>Fill Blank Cells with 0</source>
        <translation>空白单元格全部填0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="158" />
        <source>Report Details (agency, year)…</source>
        <translation>报告信息（机关、年度）…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="159" />
        <source>Accept Computed Totals</source>
        <translation>印出的合计改用计算值</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="161" />
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="162" />
        <source>Next Problem</source>
        <translation>下一个问题</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="165" />
        <source>Previous Problem</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="166" />
        <source>Import Log…</source>
        <translation>导入记录…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="167" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="168" />
        <location filename="../../gui/main_window.py" line="426" />
        <source>User Guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="170" />
        <source>User Guide (PDF, for printing)</source>
        <translation>使用说明（PDF打印版）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="172" />
        <location filename="../../gui/main_window.py" line="436" />
        <source>About Nianbao</source>
        <translation>关于政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="173" />
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="175" />
        <source>Main Toolbar</source>
        <translation>常用工具栏</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="221" />
        <source>Check Results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="288" />
        <source>Preamble (the note before section one; optional)</source>
        <translation>引言（报告开头的说明，可不填）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="291" />
        <source>draft from last year’s report — please review</source>
        <translation>上年报告转来的草稿，请审阅</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="315" />
        <source>Layout: {name}</source>
        <translation>格式：{name}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="322" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="322" />
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="323" />
        <source>【{tag}】{message}</source>
        <translation>【{tag}】{message}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="328" />
        <source>✓ No problems: totals and consistency rules all hold</source>
        <translation>✓ 未发现问题：合计与勾稽关系均已核对</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="330" />
        <source>{errors} errors　{warnings} warnings</source>
        <translation>错误 {errors} 个　提示 {warnings} 个</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="331" />
        <location filename="../../gui/main_window.py" line="410" />
        <source>All checks pass</source>
        <translation>检查通过</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="332" />
        <source>Check Results ({errors} errors, {warnings} warnings)</source>
        <translation>检查结果（错误 {errors}，提示 {warnings}）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="339" />
        <source>{title} (not saved)</source>
        <translation>{title}（未保存）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="341" />
        <source>{name}{mark} — Nianbao report editor</source>
        <translation>{name}{mark} — 政务公开年报编辑器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="426" />
        <source>Cannot open the PDF user guide.</source>
        <translation>无法打开PDF版使用说明。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="431" />
        <source>Nianbao {version}

An editor for the annual report on government information disclosure, in the official 2021 and 2019 layouts: totals computed, consistency rules checked as you type, import from Excel, Word and web pages, export to Excel and PDF.

Works offline; reports are saved as .nianbao files on this computer.</source>
        <translation>政务公开年报编辑器 {version}

编辑政府信息公开工作年度报告，支持2021年版和2019年版官方格式：自动计算合计，录入时即时检查勾稽关系，可从Excel、Word、网页导入，导出为Excel和PDF。

无需联网；报告以 .nianbao 文件保存在本机。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="443" />
        <source>Fill blank cells with 0</source>
        <translation>空白单元格填0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="444" />
        <source>Filled {count} blank cells with 0</source>
        <translation>已将{count}个空白单元格填为0</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="448" />
        <source>Report Details</source>
        <translation>报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="460" />
        <source>Change report details</source>
        <translation>修改报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="462" />
        <source>Cannot change the report details</source>
        <translation>无法修改报告信息</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="497" />
        <location filename="../../gui/main_window.py" line="684" />
        <source>Cannot create the report</source>
        <translation>无法生成</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="504" />
        <source>Open Report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="515" />
        <source>Cannot open the file</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="529" />
        <source>Import Report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="531" />
        <source>Importable reports ({patterns});;All files (*)</source>
        <translation>可导入的报告 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="549" />
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="557" />
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="565" />
        <source>No file has been imported in this window yet</source>
        <translation>本窗口尚未导入过文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="573" />
        <source>Accepted {count} computed totals</source>
        <translation>已有{count}个合计改用计算值</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="607" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="608" />
        <source>PDF file (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="609" />
        <source>Word document (*.docx)</source>
        <translation>Word文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="610" />
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="613" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="628" />
        <source>Choose the PDF font (TrueType: .ttf/.ttc)</source>
        <translation>选择PDF字体（TrueType：.ttf/.ttc）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="630" />
        <source>TrueType fonts (*.ttf *.ttc);;All files (*)</source>
        <translation>TrueType字体 (*.ttf *.ttc);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="641" />
        <source>Cannot use this font</source>
        <translation>无法使用此字体</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="644" />
        <source>PDF and printing will use the font {name}</source>
        <translation>PDF与打印将使用字体：{name}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="659" />
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="666" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="668" />
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="675" />
        <location filename="../../gui/main_window.py" line="702" />
        <source>Choose Last Year’s Report</source>
        <translation>选择上年报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="688" />
        <source>New from Last Year’s Report</source>
        <translation>从上年报告新建</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="718" />
        <location filename="../../gui/main_window.py" line="723" />
        <source>Link last year’s report</source>
        <translation>关联上年报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="720" />
        <source>Cannot link the report</source>
        <translation>无法关联</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="724" />
        <source>Linked last year’s report: {title}</source>
        <translation>已关联上年报告：{title}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="734" />
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="749" />
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="750" />
        <source>{reason}

The report is still open; you can save it somewhere else.</source>
        <translation>{reason}

报告仍然打开，可以换一个位置另存。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="756" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="770" />
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="777" />
        <source>a new report never saved</source>
        <translation>未保存过的新报告</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="789" />
        <source>Nianbao reports (*.nianbao);;All files (*)</source>
        <translation>年报文件 (*.nianbao);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <location filename="../../gui/dialogs.py" line="18" />
        <source>New Report</source>
        <translation>新建报告</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="27" />
        <source>e.g. 某某市某某局</source>
        <translation>如：某某市某某局</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="28" />
        <source>Layout</source>
        <translation>报告格式</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="29" />
        <source>Report year</source>
        <translation>报告年度</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="30" />
        <source>Agency</source>
        <translation>机关名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="32" />
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="33" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PrintedTotals</name>
    <message>
        <location filename="../../gui/printed_totals.py" line="22" />
        <source>Accept computed totals</source>
        <translation>合计改用计算值</translation>
    </message>
    <message>
        <location filename="../../gui/printed_totals.py" line="37" />
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <location filename="../../gui/printed_totals.py" line="39" />
        <source>Accept Computed Total {computed} (printed: {printed})</source>
        <translation>采用计算值 {computed}（报告中印的是 {printed}）</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../gui/printing.py" line="178" />
        <source>Print Preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../../gui/printing.py" line="197" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>ReportGrid</name>
    <message>
        <location filename="../../gui/grid_view.py" line="230" />
        <source>Not accepted: {cell} is a computed total (the sum of its parts); type in its parts</source>
        <translation>未接受：{cell}是自动计算的合计（各分项之和），请填写各分项</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="314" />
        <source>Clear cells</source>
        <translation>清除单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="316" />
        <source>Nothing cleared: computed totals and labels cannot be cleared</source>
        <translation>未清除：自动计算的合计和标题不能清除</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="348" />
        <source>Paste not done: the clipboard holds {count} characters, far more than a table</source>
        <translation>粘贴未完成：剪贴板中有{count}个字符，远超一张表格的内容</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="356" />
        <source>Paste not done: the clipboard holds no text</source>
        <translation>粘贴未完成：剪贴板中没有文字</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="359" />
        <source>Paste not done: select a cell first</source>
        <translation>粘贴未完成：请先选择一个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="389" />
        <source>Paste not done: {cell}: {reason} (no cell was changed)</source>
        <translation>粘贴未完成：{cell}：{reason}（没有改动任何单元格）</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="396" />
        <source>Paste {count} cells</source>
        <translation>粘贴{count}个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="398" />
        <source>Paste not done: {reason} (no cell was changed)</source>
        <translation>粘贴未完成：{reason}（没有改动任何单元格）</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="402" />
        <source>Nothing pasted: the cells there are computed totals or labels</source>
        <translation>未粘贴：该处是自动计算的合计或标题</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="404" />
        <source>Pasted {count} cells</source>
        <translation>已粘贴{count}个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="406" />
        <source>skipped {count} totals or labels</source>
        <translation>跳过{count}个合计或标题单元格</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="408" />
        <source>{count} outside the table not pasted</source>
        <translation>{count}个超出表格范围未粘贴</translation>
    </message>
    <message>
        <location filename="../../gui/grid_view.py" line="409" />
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>TableGridModel</name>
    <message>
        <location filename="../../gui/table_model.py" line="139" />
        <source>A computed total; it cannot be typed in</source>
        <translation>自动计算的合计，不能直接填写</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="142" />
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="143" />
        <source>Last year ({year}): {value}</source>
        <translation>上年（{year}年）：{value}</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="168" />
        <source>Enter a value</source>
        <translation>填写单元格</translation>
    </message>
    <message>
        <location filename="../../gui/table_model.py" line="170" />
        <source>Not accepted: {reason}</source>
        <translation>未接受：{reason}</translation>
    </message>
</context>
<context>
    <name>TextSectionEditor</name>
    <message>
        <location filename="../../gui/text_editor.py" line="32" />
        <source>Write “{title}” here</source>
        <translation>在此填写“{title}”</translation>
    </message>
    <message>
        <location filename="../../gui/text_editor.py" line="79" />
        <source>Edit “{title}”</source>
        <translation>编辑“{title}”</translation>
    </message>
    <message>
        <location filename="../../gui/text_editor.py" line="82" />
        <source>Not accepted: {reason}</source>
        <translation>未接受：{reason}</translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <location filename="../../gui/context.py" line="24" />
        <source>“{name}” has unsaved changes. Save them?</source>
        <translation>“{name}”有尚未保存的更改，是否保存？</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="29" />
        <source>Save Changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="33" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="35" />
        <source>Don’t Save</source>
        <translation>不保存</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="37" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="48" />
        <source>No report title in the file: enter the agency and the year</source>
        <translation>文件中没有报告标题：请填写机关名称和年度</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="82" />
        <source>The program stopped unexpectedly last time and left unsaved changes:
{what}

Restore them?</source>
        <translation>上次程序意外退出，留下了未保存的更改：
{what}

是否恢复？</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="88" />
        <source>Restore Unsaved Report</source>
        <translation>恢复未保存的报告</translation>
    </message>
</context>
</TS>
