"""``govinfo-lint rules`` and ``govinfo-lint rule CODE``: the catalogue, from the rule files."""

from __future__ import annotations

import json

from .engine.rules import Rule

_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def rule_summary(rule: Rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity, "formats": list(rule.formats),
            "levels": list(rule.levels), "title": rule.title, "kind": rule.kind, "basis": rule.basis}


def list_rules(rules: list[Rule], fmt: str, stream) -> int:
    if fmt == "markdown":
        stream.write(rules_markdown(rules))
        return 0
    if fmt == "json":
        json.dump([rule_summary(r) for r in rules], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return 0
    for rule in rules:
        formats = "/".join(rule.formats)
        stream.write(f"{rule.code:<8} {rule.severity:<8} {formats:<10} {rule.title.get('zh', '')}\n")
    stream.write(f"\n共 {len(rules)} 条规则。用 `govinfo-lint rule CODE` 查看说明。\n")
    return 0


def explain_rule(rules: list[Rule], code: str, lang: str, stream) -> int:
    from .yaml_out import dump_yaml

    rule = next((r for r in rules if r.code == code.upper()), None)
    if rule is None:
        import sys

        from .config.files import unknown_code

        # A usage error, as for an unknown code anywhere else: on stderr, exit status 2.
        print(f"govinfo-lint: {unknown_code(code.upper(), [r.code for r in rules], prefixes=False)}", file=sys.stderr)
        return 2
    title = rule.title.get(lang) or rule.title.get("zh", "")
    lines = [
        f"{rule.code} {rule.name}",
        title,
        "",
        f"{'严重程度' if lang == 'zh' else 'Severity'}: {_SEV_ZH[rule.severity] if lang == 'zh' else rule.severity}"
        + (" (2019 年度报告降为警告)" if rule.relax_in_2019 and lang == "zh" else ""),
        f"{'适用格式' if lang == 'zh' else 'Formats'}: {', '.join(rule.formats)}",
    ]
    if not rule.waivable:
        lines.append("不可豁免（docs/waivers.md）" if lang == "zh" else "Cannot be waived (docs/waivers.md)")
    if rule.fix:
        lines.append(("可自动修复：" + ("--fix" if rule.fix == "safe" else "--fix --unsafe-fixes")) if lang == "zh"
                     else f"Fixable: {'--fix' if rule.fix == 'safe' else '--fix --unsafe-fixes'}")
    if rule.levels:
        lines.append(f"{'适用机关' if lang == 'zh' else 'Levels'}: {', '.join(rule.levels)}")
    lines += [f"{'依据' if lang == 'zh' else 'Basis'}: {rule.basis}"] + _where(rule, lang)
    lines += ["", rule.description.strip(), ""]
    lines.append(("消息：" if lang == "zh" else "Message: ") + rule.message.get(lang, rule.message["zh"]))
    lines.append("")
    for example in rule.examples:
        verdict = ("不通过" if lang == "zh" else "fails") if example["expect"] else ("通过" if lang == "zh" else "passes")
        base = example.get("base") or f"sample-{rule.formats[-1]}"
        if example.get("series"):  # series rules (SER): the years of the example's series
            base = "series " + ", ".join(str(item["year"]) for item in example["series"])
        lines.append(f"{'示例' if lang == 'zh' else 'Example'} [{verdict}] {example['name']}（{base}）")
        change = {k: example[k] for k in ("patch", "remove", "previous") if example.get(k) or k == "previous" and k in example}
        if any(len(item) > 1 for item in example.get("series", ())):
            change["series"] = example["series"]
        if change:
            lines += ["    " + line for line in dump_yaml(change).rstrip().splitlines()]
        if example["expect"]:
            lines.append(("    → 报告位置：" if lang == "zh" else "    → reported at: ") + ", ".join(example["expect"]))
        lines.append("")
    stream.write("\n".join(lines) + "\n")
    return 0


def _where(rule: Rule, lang: str) -> list[str]:
    """The two places a rule lives: its file, and the module of its check kind."""
    from pathlib import Path

    from .checks import source_file
    from .resources import data_dir

    path = Path(rule.path)
    rules_dir = data_dir("rules")
    shown = f"rules/{path.relative_to(rules_dir).as_posix()}" if path.is_relative_to(rules_dir) else rule.path
    if lang == "zh":
        return [f"规则文件: {shown}", f"检查类型: {rule.kind}（{source_file(rule.kind)}）"]
    return [f"Rule file: {shown}", f"Check kind: {rule.kind} ({source_file(rule.kind)})"]


def rules_markdown(rules: list[Rule]) -> str:
    """docs/rules.md: the rule reference, generated from the rule files (never edited by hand)."""
    from .checks import source_file
    from .yaml_out import dump_yaml

    families: dict[str, list[Rule]] = {}
    for rule in rules:
        families.setdefault(rule.family, []).append(rule)
    out = ["# 规则参考 / Rule reference", "",
           "Generated from `rules/` by `govinfo-lint rules --format markdown`; do not edit by hand.", "",
           f"{len(rules)} rules. Select a family with its prefix (`--select SUM`), one rule with its code.", "",
           "| code | severity | formats | rule |", "|---|---|---|---|"]
    for rule in rules:
        anchor = rule.code.lower()
        out.append(f"| [{rule.code}](#{anchor}) | {rule.severity} | {', '.join(rule.formats)} | {rule.title['zh']} |")
    for family, members in families.items():
        out += ["", f"## {family}", ""]
        for rule in members:
            out += [f"### {rule.code}", "", f"**{rule.title['zh']}** — {rule.title['en']}", "",
                    f"- name: `{rule.name}`", f"- severity: {rule.severity}"
                    + (" (warning for report year 2019)" if rule.relax_in_2019 else "")
                    + "".join(f"; {s} for the {f} format" for f, s in rule.severity_by_format.items()),
                    f"- formats: {', '.join(rule.formats)}",
                    f"- check kind: `{rule.kind}` (`{source_file(rule.kind)}`)"]
            if not rule.waivable:
                out.append("- cannot be waived ([waivers](waivers.md))")
            if rule.fix:
                out.append(f"- fixable: `--fix`{' `--unsafe-fixes`' if rule.fix == 'unsafe' else ''} (structured and Markdown reports)")
            if rule.levels:
                out.append(f"- levels: {', '.join(rule.levels)}")
            out += [f"- basis: {rule.basis}", "", rule.description.strip(), "",
                    f"Message: {rule.message['zh']}", ""]
            for example in rule.examples:
                verdict = "fails" if example["expect"] else "passes"
                out.append(f"*Example ({verdict}): {example['name']}*")
                change = {k: example[k] for k in ("base", "patch", "remove", "previous")
                          if example.get(k) or k == "previous" and k in example}
                if change:
                    out += ["", "```yaml", dump_yaml(change).rstrip(), "```"]
                if example["expect"]:
                    out.append("")
                    out.append("Reported at: " + ", ".join(f"`{p}`" for p in example["expect"]))
                out.append("")
    return "\n".join(out).rstrip() + "\n"
