"""``govinfo-lint completion bash|zsh|fish``: shell completion, written from the parser
itself so that a new option completes without anyone editing a script."""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


def _commands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, list[argparse.Action]]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    return {name: (helps.get(name, ""), [a for a in p._actions if a.option_strings and a.dest != "help"])
            for name, p in sub.choices.items()}


def _flags(actions: list[argparse.Action]) -> list[str]:
    return [s for a in actions for s in a.option_strings] + ["--help"]


def _choices(actions: list[argparse.Action]) -> dict[str, list[str]]:
    out = {}
    for a in actions:
        choices = list(a.choices) if a.choices else _format_choices(a)
        for s in a.option_strings:
            if choices:
                out[s] = choices
    return out


def _format_choices(action: argparse.Action) -> list[str]:
    if action.dest == "output_format" and action.type is not None:  # check -f takes FORMAT[:PATH]
        from .formatters import OUTPUT_FORMATS

        return list(OUTPUT_FORMATS)
    return []


def bash(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    cases = []
    for name, (_help, actions) in commands.items():
        values = "\n".join(f'      {flag}) COMPREPLY=($(compgen -W "{" ".join(choices)}" -- "$cur")); return;;'
                           for flag, choices in _choices(actions).items())
        cases.append(f"    {name})\n      case \"$prev\" in\n{values}\n      esac\n"
                     f'      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "{" ".join(_flags(actions))}" -- "$cur"));'
                     f' else COMPREPLY=($(compgen -f -- "$cur")); fi;;')
    return f"""# govinfo-lint completion for bash: eval "$(govinfo-lint completion bash)"
_govinfo_lint() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in -*) ;; *) cmd="${{COMP_WORDS[i]}}"; break;; esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "{" ".join(commands)} --version --help" -- "$cur")); return
  fi
  case "$cmd" in
{chr(10).join(cases)}
  esac
}}
complete -o filenames -F _govinfo_lint govinfo-lint
"""


def _zsh_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    described = " ".join(f"'{name}:{_zsh_quote(help_)}'" for name, (help_, _a) in commands.items())
    branches = []
    for name, (_help, actions) in commands.items():
        specs = []
        choices = _choices(actions)
        for a in actions:
            text = _zsh_quote((a.help or "").replace("%(default)s", ""))
            for flag in a.option_strings:
                value = ""
                if a.nargs != 0:
                    value = f":value:({' '.join(choices[flag])})" if flag in choices else ":value:_files"
                specs.append(f"'{flag}[{text}]{value}'")
        branches.append(f"    {name}) _arguments {' '.join(specs)} '*:file:_files';;")
    return f"""#compdef govinfo-lint
# govinfo-lint completion for zsh: govinfo-lint completion zsh > "${{fpath[1]}}/_govinfo-lint"
_govinfo-lint() {{
  local -a commands
  commands=({described})
  if (( CURRENT == 2 )); then _describe 'command' commands; return; fi
  case "$words[2]" in
{chr(10).join(branches)}
  esac
}}
compdef _govinfo-lint govinfo-lint
"""


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    lines = ["# govinfo-lint completion for fish: govinfo-lint completion fish > ~/.config/fish/completions/govinfo-lint.fish",
             "complete -c govinfo-lint -f"]
    for name, (help_, actions) in commands.items():
        lines.append(f"complete -c govinfo-lint -n __fish_use_subcommand -a {name} -d {_fish_quote(help_)}")
        choices = _choices(actions)
        for a in actions:
            for flag in a.option_strings:
                opt = f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
                takes = ""
                if a.nargs != 0:
                    takes = f" -x -a {_fish_quote(' '.join(choices[flag]))}" if flag in choices else " -r -F"
                lines.append(f"complete -c govinfo-lint -n '__fish_seen_subcommand_from {name}' {opt}{takes}"
                             f" -d {_fish_quote(a.help or '')}")
        lines.append(f"complete -c govinfo-lint -n '__fish_seen_subcommand_from {name}' -F")
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    return {"bash": bash, "zsh": zsh, "fish": fish}[shell](parser)
