"""Evaluation profiles (``profiles/*.yaml``, ``schemas/profile.schema.json``): points per
signal, applied only when asked (``series --profile``). A preview of the score, not a finding."""

from __future__ import annotations

from pathlib import Path


class ProfileError(Exception):
    pass


def load_profile(given: str) -> dict:
    """A profile by path, or by the name of a shipped one (``example-assessment``)."""
    from ..readers.plain import LoadError, load_text
    from ..resources import data_dir, validator

    path = Path(given)
    if not path.is_file():
        try:
            path = data_dir("profiles") / f"{given}.yaml"
        except FileNotFoundError:
            raise ProfileError(f"{given}: 找不到评估口径文件 (no such profile)") from None
        if not path.is_file():
            raise ProfileError(f"{given}: 找不到评估口径文件 (no such profile)")
    try:
        data, _positions = load_text(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, LoadError) as exc:
        raise ProfileError(f"{path}: {exc}") from None
    errors = sorted(validator("profile.schema.json").iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise ProfileError(f"{path}: {where}: {errors[0].message}")
    ids = {s["id"] for s in data["sources"]}
    for item in data["deductions"]:
        if item["source"] not in ids:
            raise ProfileError(f"{path}: {item['code']}: unknown source {item['source']!r}")
    return data


def score(profile: dict, years: list[int], signals: list[dict]) -> list[dict]:
    """Per year: full marks less each deduction (per signal, or per counted case), capped."""
    out = []
    for year in years:
        mine = [s for s in signals if s["year"] == year]
        items, total = [], 0.0
        for rule in profile["deductions"]:
            hits = [s for s in mine if s["code"] == rule["code"]]
            count = sum(int((s.get("evidence") or {}).get(rule["per"], 0) or 0) if rule.get("per") else 1 for s in hits)
            points = min(count * rule["points"], rule.get("max", float("inf")))
            if points:
                items.append({"code": rule["code"], "count": count, "points": points, "source": rule["source"]})
                total += points
        out.append({"year": year, "score": max(profile["full_marks"] - total, 0), "deducted": items})
    return out
