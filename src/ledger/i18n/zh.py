WORDS: dict[str, str] = {
    "no_root": (
        "找不到台账：{cwd} 及其上级文件夹中都没有 ledger.toml。"
        "请在台账文件夹内运行，或用 --root DIR（或环境变量 LEDGER_ROOT）指定台账文件夹。"
    ),
    "root_not_dir": "台账文件夹 {root} 不存在",
    "root_no_config": "{root} 中没有 ledger.toml：这不是一个台账文件夹",
    "bad_today": "--today：`{value}` 不是 YYYY-MM-DD 格式的日期{hint}",
    "bad_today_env": "环境变量 LEDGER_TODAY：`{value}` 不是 YYYY-MM-DD 格式的日期{hint}",
    "bad_lang": "--lang：`{value}` 不是 zh 或 en",
    "summary_ok": "检查了 {files} 个文件：没有发现问题",
    "summary": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告",
    "settings_failed": "请先修正 ledger.toml 中的设置，其他检查才能进行",
    "bad_schema_name": "没有 `{value}` 这个模式：可选 projects、unit 或 config",
}
