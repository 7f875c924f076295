"""Nianbao's core: templates, the report document, recompute, rules, files. Never imports Qt."""
