WORDS: dict[str, str] = {
    "no_root": (
        "no ledger found: there is no ledger.toml in {cwd} or any folder above it. "
        "Run the command inside a ledger, or give its folder with --root DIR (or $LEDGER_ROOT)."
    ),
    "root_not_dir": "the ledger folder {root} does not exist",
    "root_no_config": "{root} holds no ledger.toml: it is not a ledger folder",
    "bad_today": "--today: `{value}` is not a date in the form YYYY-MM-DD{hint}",
    "bad_today_env": "$LEDGER_TODAY: `{value}` is not a date in the form YYYY-MM-DD{hint}",
    "bad_lang": "--lang: `{value}` is not zh or en",
    "summary_ok": "{files} files checked: no problems",
    "summary": "{files} files checked: {errors} error(s), {warnings} warning(s)",
    "settings_failed": "the settings in ledger.toml must be fixed before anything else can run",
    "bad_schema_name": "no schema `{value}`: choose projects, unit or config",
}
