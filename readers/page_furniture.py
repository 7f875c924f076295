"""What a page carries around a report but is not its text: page numbers, and the share bar, related
links and footer a government website puts under the report it publishes.

A reader ends section 六 where the website begins again, so a report read off a site's page keeps
its own text and nothing of the site's.
"""

from __future__ import annotations

import re

# — 3 —, -3-, 第3页, 第3页共10页: a page number printed alone (LibreOffice writes its footer into a web page).
_PAGE_NUMBER = re.compile(r"^(?:[-—－–]+\s*\d{1,3}\s*[-—－–]+|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?)$")
# Lines that only a website prints: its share bar, navigation between articles, related links, footer.
_SITE = re.compile(
    r"^(?:分享到|【?\s*打印本页|【?\s*关闭窗口|【?\s*打印\s*】|相关链接|相关文章|相关阅读|相关文件|相关新闻|上一篇|下一篇|"
    r"主办单位|主办：|承办单位|网站标识码|网站地图|版权所有|Copyright|©|扫一扫在手机)"
    r"|ICP备|公网安备",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """Whether a line is a page number printed alone."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_site_furniture(text: str) -> bool:
    """Whether a line belongs to the website around a report rather than to the report."""
    return bool(_SITE.search(text.strip()))
