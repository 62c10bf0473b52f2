//! The README cannot drift: every fenced block in it is checked against the real tool, the
//! way an HTML comment just before the block says (invisible on GitHub):
//!
//! - `<!-- check: run -->` — a `text` block of `$ payout ...` commands (a trailing `\`
//!   continues a line), each followed by its output. The commands run from the repository
//!   root, in order, sharing a scratch folder; stdout then stderr must match the shown
//!   output line by line, where `…` (or `...`) inside a line stands for any text and a line
//!   of only `…` for any number of lines. Options after `run`, separated by `;`:
//!   `edit FILE: FROM => TO` runs the commands on a copy of the repository's FILE with
//!   FROM replaced by TO (a typo to show an error, say); `server` keeps a command that does
//!   not end (`payout sandbox`) running for the later blocks, and compares only as many
//!   lines of its output as are shown; `loose` makes runs of digits and of spaces match any
//!   (timings, table widths).
//! - `<!-- check: json -->` — as `run`, but the output is one JSON object and the block
//!   may abbreviate it: every `"key": value` pair shown must be in the real output (at any
//!   depth), a string value ending in `...` only as a prefix.
//! - `<!-- check: output COMMAND... -->` — a block showing COMMAND's output without the
//!   command line (`payout demo`); the `run` rules, and `loose`.
//! - `<!-- check: lint FILE -->` — a YAML spec that `payout lint` finds nothing wrong
//!   with, written to FILE (a path relative to a scratch folder) first.
//! - `<!-- check: excerpt FILE -->` — the block's lines appear in FILE in the same order
//!   (a line of only `# ...` or `// ...` or `…` skips).
//! - `<!-- check: names FILE|DIR... -->` — a Rust snippet: every function, method, type and
//!   module it names occurs in the given files (API names cannot drift).
//! - `<!-- check: commands -->` — a shell block: every `payout` (or `cargo run -p
//!   payout-cli --`) command in it is a real subcommand with real options; other lines are
//!   setup this test cannot run (installing Rust, cloning).
//!
//! A block without a marker fails the test. Inline `payout ...` commands in the text and
//! tables are checked like `commands`.

#[allow(dead_code, unused_imports)]
mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use common::{root, tmp};
use regex::Regex;
use serde_json::Value;

/// One fenced block and the marker before it.
#[derive(Debug)]
struct Block {
    line: usize,
    lang: String,
    marker: Option<String>,
    body: Vec<String>,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = readme.lines().enumerate().peekable();
    let mut last_marker: Option<(usize, String)> = None;
    while let Some((i, line)) = lines.next() {
        let t = line.trim();
        if let Some(m) = t
            .strip_prefix("<!-- check:")
            .and_then(|m| m.strip_suffix("-->"))
        {
            last_marker = Some((i, m.trim().to_string()));
            continue;
        }
        if let Some(lang) = t.strip_prefix("```") {
            let mut body = Vec::new();
            for (_, l) in lines.by_ref() {
                if l.trim() == "```" {
                    break;
                }
                body.push(l.to_string());
            }
            // The marker counts only when it is the line just before the block.
            let marker = last_marker
                .take()
                .filter(|(at, _)| *at + 1 == i)
                .map(|(_, m)| m);
            out.push(Block {
                line: i + 1,
                lang: lang.trim().to_string(),
                marker,
                body,
            });
        }
    }
    out
}

/// `a 'b c' "d"` → [a, b c, d].
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Commands (`$ ...`, continued by a trailing `\`) and the output lines after each.
fn commands_and_outputs(body: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut continuing = false;
    for l in body {
        if continuing {
            let cmd = &mut out.last_mut().unwrap().0;
            cmd.push(' ');
            cmd.push_str(l.trim().trim_end_matches('\\').trim());
            continuing = l.trim_end().ends_with('\\');
        } else if let Some(c) = l.strip_prefix("$ ") {
            out.push((c.trim_end_matches('\\').trim().to_string(), Vec::new()));
            continuing = l.trim_end().ends_with('\\');
        } else if let Some(last) = out.last_mut() {
            last.1.push(l.clone());
        }
    }
    out
}

/// A regex for one shown line: `…`/`...` any text; with `loose`, digits and spaces any.
fn line_pattern(shown: &str, loose: bool) -> Regex {
    let variable = Regex::new(r"[0-9]+|\s+|-{2,}").unwrap();
    let mut re = String::from("^");
    let parts: Vec<&str> = shown.trim_end().split(['…']).collect();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            re.push_str(".*");
        }
        for (j, seg) in part.split("...").enumerate() {
            if j > 0 {
                re.push_str(".*");
            }
            if loose {
                let mut last = 0;
                for m in variable.find_iter(seg) {
                    re.push_str(&regex::escape(&seg[last..m.start()]));
                    re.push_str(if m.as_str().starts_with(char::is_whitespace) {
                        r"\s+"
                    } else if m.as_str().starts_with('-') {
                        "-+"
                    } else {
                        "[0-9]+"
                    });
                    last = m.end();
                }
                re.push_str(&regex::escape(&seg[last..]));
            } else {
                re.push_str(&regex::escape(seg));
            }
        }
    }
    re.push_str(r"\s*$");
    Regex::new(&re).unwrap()
}

/// Shown lines against real ones; `None` when they match, else what differs.
fn compare(shown: &[String], real: &[String], loose: bool) -> Option<String> {
    let mut r = 0;
    let mut s = 0;
    while s < shown.len() {
        let line = shown[s].trim_end();
        if line.trim() == "…" {
            // Any number of lines, up to the next shown one (or the end).
            s += 1;
            let next = shown.get(s)?;
            let p = line_pattern(next, loose);
            match real[r..].iter().position(|l| p.is_match(l)) {
                Some(k) => r += k,
                None => return Some(format!("no line like {next:?} after an elision")),
            }
            continue;
        }
        let Some(got) = real.get(r) else {
            return Some(format!("shown {line:?}, but the output ended"));
        };
        if !line_pattern(line, loose).is_match(got) {
            return Some(format!(
                "line {}: shown\n  {line:?}\nreal\n  {got:?}",
                r + 1
            ));
        }
        r += 1;
        s += 1;
    }
    (r < real.len()).then(|| format!("the output goes on: {:?}", &real[r..]))
}

/// Every (key, scalar) pair of a JSON value, at any depth.
fn pairs(v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !x.is_object() && !x.is_array() {
                    out.push((k.clone(), x.clone()));
                }
                pairs(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| pairs(x, out)),
        _ => {}
    }
}

/// The `"key": scalar` pairs shown in an abbreviated JSON block.
fn shown_pairs(text: &str) -> Vec<(String, Value)> {
    let re =
        Regex::new(r#""([^"]+)":\s*("(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?|true|false|null)"#)
            .unwrap();
    re.captures_iter(text)
        .filter_map(|c| Some((c[1].to_string(), serde_json::from_str(&c[2]).ok()?)))
        .collect()
}

fn json_matches(shown: &str, real: &Value) -> Result<usize, String> {
    let mut have = Vec::new();
    pairs(real, &mut have);
    let want = shown_pairs(shown);
    for (k, v) in &want {
        let found = have.iter().any(|(hk, hv)| {
            hk == k
                && match (v, hv) {
                    (Value::String(s), Value::String(h)) => {
                        let parts: Vec<String> = s.split("...").map(regex::escape).collect();
                        Regex::new(&format!("^{}$", parts.join("(?s:.*)")))
                            .is_ok_and(|p| p.is_match(h))
                    }
                    _ => v == hv,
                }
        });
        if !found {
            return Err(format!(
                "shown `\"{k}\": {v}`, not in the output:\n{real:#}"
            ));
        }
    }
    Ok(want.len())
}

/// What the blocks share: a scratch folder, renamed paths and ports, running servers.
struct Session {
    dir: PathBuf,
    /// Shown text → real text (a port, a folder), applied to commands; reversed on output.
    renames: Vec<(String, String)>,
    servers: Vec<Child>,
}

impl Drop for Session {
    fn drop(&mut self) {
        for c in &mut self.servers {
            c.kill().ok();
            c.wait().ok();
        }
    }
}

impl Session {
    fn real(&self, s: &str) -> String {
        self.renames
            .iter()
            .fold(s.to_string(), |acc, (shown, real)| acc.replace(shown, real))
    }

    fn shown(&self, s: &str) -> String {
        self.renames
            .iter()
            .fold(s.to_string(), |acc, (shown, real)| acc.replace(real, shown))
    }

    fn command(&self, line: &str, cwd: &Path) -> std::process::Command {
        let args = split_args(&self.real(line));
        assert_eq!(args[0], "payout", "a checked command runs `payout`: {line}");
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_payout"));
        c.args(&args[1..])
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .env_remove("RUST_LOG");
        c
    }

    fn run(&self, line: &str, cwd: &Path) -> Vec<String> {
        let out = self.command(line, cwd).output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        self.shown(&text).lines().map(str::to_string).collect()
    }

    /// Starts a command that serves until stopped, on a free port instead of the shown one;
    /// returns as many lines of its output as `n`.
    fn serve(&mut self, line: &str, n: usize) -> Vec<String> {
        let listen = Regex::new(r"--listen\s+(\S+)").unwrap();
        if let Some(addr) = listen.captures(line).map(|c| c[1].to_string()) {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let shown_port = addr.rsplit(':').next().unwrap().to_string();
            self.renames.push((
                format!("127.0.0.1:{shown_port}"),
                format!("127.0.0.1:{port}"),
            ));
        }
        let mut child = self
            .command(line, &root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let got: Vec<String> = (0..n)
            .map_while(|_| lines.next().and_then(Result::ok))
            .map(|l| self.shown(&l))
            .collect();
        self.servers.push(child);
        got
    }
}

/// `--flags` of `payout SUB` (from its help), to check commands shown anywhere.
fn check_command(words: &[String], help: &mut HashMap<String, String>) -> Result<(), String> {
    let Some(sub) = words.get(1).filter(|w| !w.starts_with('-')) else {
        return Ok(());
    };
    let text = help.entry(sub.clone()).or_insert_with(|| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_payout"))
            .args([sub.as_str(), "--help"])
            .output()
            .unwrap();
        if out.status.success() {
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            String::new()
        }
    });
    if text.is_empty() {
        return Err(format!("`payout {sub}` is not a command"));
    }
    for w in words.iter().skip(2) {
        let w = w.trim_start_matches('[').trim_end_matches(']');
        let flag = w.split('=').next().unwrap_or(w);
        if flag.starts_with("--")
            && flag.len() > 2
            && !text.contains(&format!("{flag} "))
            && !text.contains(&format!("{flag}\n"))
        {
            return Err(format!("`payout {sub}` has no option `{flag}`"));
        }
    }
    Ok(())
}

#[test]
fn every_readme_block_matches_the_tool() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let dir = tmp("readme");
    let mut session = Session {
        renames: vec![(
            "/tmp/creds".to_string(),
            dir.join("creds").display().to_string(),
        )],
        dir,
        servers: Vec::new(),
    };
    let mut help = HashMap::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    // Calls, paths and methods in Rust snippets: `name(`, `name::`, `::Name`, `.name(`.
    let names =
        Regex::new(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(|::|!)|::([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    for b in blocks(&readme) {
        let at = format!("README.md:{} (```{})", b.line, b.lang);
        let Some(marker) = &b.marker else {
            failures.push(format!(
                "{at}: no `<!-- check: ... -->` line before the block (see payout-cli/tests/readme.rs)"
            ));
            continue;
        };
        let mut opts = marker.split(';').map(str::trim);
        let head = opts.next().unwrap_or_default();
        let opts: Vec<&str> = opts.collect();
        let loose = opts.contains(&"loose");
        let (mode, arg) = head.split_once(' ').unwrap_or((head, ""));
        let result: Result<(), String> = (|| {
            match mode {
                "run" | "json" => {
                    // `edit FILE: FROM => TO`: a scratch copy of the repository's files.
                    let mut cwd = root();
                    for o in &opts {
                        if let Some(e) = o.strip_prefix("edit ") {
                            let (file, change) =
                                e.split_once(": ").ok_or("edit FILE: FROM => TO")?;
                            let (from, to) =
                                change.split_once(" => ").ok_or("edit FILE: FROM => TO")?;
                            let text = std::fs::read_to_string(root().join(file))
                                .map_err(|e| e.to_string())?;
                            if !text.contains(from) {
                                return Err(format!("{file} has no `{from}`"));
                            }
                            cwd = session.dir.join(format!("edit-{}", b.line));
                            let dest = cwd.join(file);
                            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                            std::fs::write(&dest, text.replace(from, to)).unwrap();
                        }
                    }
                    for (cmd, shown) in commands_and_outputs(&b.body) {
                        check_command(&split_args(&cmd), &mut help)?;
                        let real = if opts.contains(&"server") {
                            session.serve(&cmd, shown.len())
                        } else {
                            session.run(&cmd, &cwd)
                        };
                        if mode == "json" {
                            let text = real.join("\n");
                            let v: Value = serde_json::from_str(&text).map_err(|e| {
                                format!("`{cmd}` did not print JSON ({e}):\n{text}")
                            })?;
                            let n = json_matches(&shown.join("\n"), &v)?;
                            if n == 0 {
                                return Err(format!("`{cmd}`: the block shows no value to check"));
                            }
                        } else if let Some(d) = compare(&shown, &real, loose) {
                            return Err(format!("`{cmd}`: {d}\nreal output:\n{}", real.join("\n")));
                        }
                    }
                    Ok(())
                }
                "output" => {
                    check_command(&split_args(arg), &mut help)?;
                    let real = session.run(arg, &root());
                    match compare(&b.body, &real, loose) {
                        None => Ok(()),
                        Some(d) => Err(format!("`{arg}`: {d}\nreal output:\n{}", real.join("\n"))),
                    }
                }
                "lint" => {
                    // Written where the repository's specs are, for the modeline's path.
                    let file = session.dir.join("lint").join(arg);
                    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                    std::fs::write(&file, b.body.join("\n")).unwrap();
                    let out = std::process::Command::new(env!("CARGO_BIN_EXE_payout"))
                        .args(["lint", "--format", "short"])
                        .arg(&file)
                        .output()
                        .unwrap();
                    if !out.status.success() || !out.stdout.is_empty() {
                        return Err(format!(
                            "the spec does not lint clean:\n{}",
                            String::from_utf8_lossy(&out.stdout)
                        ));
                    }
                    Ok(())
                }
                "excerpt" => {
                    let text = std::fs::read_to_string(root().join(arg))
                        .map_err(|e| format!("{arg}: {e}"))?;
                    let mut lines = text.lines();
                    for l in &b.body {
                        let t = l.trim();
                        if matches!(t, "# ..." | "// ..." | "…") {
                            continue;
                        }
                        if !lines.any(|f| f.trim_end() == l.trim_end()) {
                            return Err(format!("not in {arg} (in this order): {l:?}"));
                        }
                    }
                    Ok(())
                }
                "names" => {
                    let mut corpus = String::new();
                    for p in arg.split_whitespace() {
                        collect_text(&root().join(p), &mut corpus);
                    }
                    let code = b.body.join("\n");
                    let mut n = 0;
                    for c in names.captures_iter(&code) {
                        let name = c.get(1).or(c.get(2)).unwrap().as_str();
                        if matches!(
                            name,
                            "Some"
                                | "Ok"
                                | "Err"
                                | "None"
                                | "println"
                                | "eprintln"
                                | "assert_eq"
                                | "assert"
                                | "into"
                                | "parse"
                        ) {
                            continue;
                        }
                        n += 1;
                        let word = Regex::new(&format!(r"\b{}\b", regex::escape(name))).unwrap();
                        if !word.is_match(&corpus) {
                            return Err(format!("`{name}` is not in {arg}"));
                        }
                    }
                    if n == 0 {
                        return Err("no names to check".into());
                    }
                    Ok(())
                }
                "commands" => {
                    for l in &b.body {
                        let words = split_args(l);
                        let words: Vec<String> = match words.iter().position(|w| w == "payout-cli")
                        {
                            Some(i) if words.get(i + 1).map(String::as_str) == Some("--") => {
                                std::iter::once("payout".to_string())
                                    .chain(words[i + 2..].iter().cloned())
                                    .collect()
                            }
                            _ => words,
                        };
                        if words.first().map(String::as_str) == Some("payout") {
                            check_command(&words, &mut help)?;
                        }
                    }
                    Ok(())
                }
                other => Err(format!("unknown check `{other}`")),
            }
        })();
        match result {
            Ok(()) => checked += 1,
            Err(e) => failures.push(format!("{at}: {e}")),
        }
    }
    // Inline commands: `payout sub --flag ...` in the text and tables.
    let inline = Regex::new(r"`(payout [a-z][^`]*)`").unwrap();
    for c in inline.captures_iter(&readme) {
        let words: Vec<String> = split_args(&c[1].replace("\\|", "|"));
        if let Err(e) = check_command(&words, &mut help) {
            failures.push(format!("README.md inline `{}`: {e}", &c[1]));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    assert!(checked >= 8, "only {checked} blocks checked");
}

fn collect_text(p: &Path, out: &mut String) {
    if p.is_dir() {
        for e in std::fs::read_dir(p).unwrap().flatten() {
            collect_text(&e.path(), out);
        }
    } else if p.extension().is_some_and(|e| e == "rs") {
        out.push_str(&std::fs::read_to_string(p).unwrap_or_default());
    }
}

#[test]
fn the_matcher_refuses_a_difference() {
    let shown = vec!["a 1 …".to_string(), "…".to_string(), "end".to_string()];
    let real: Vec<String> = ["a 1 and more", "x", "y", "end"].map(String::from).to_vec();
    assert_eq!(compare(&shown, &real, false), None);
    let real: Vec<String> = ["a 2 and more", "end"].map(String::from).to_vec();
    assert!(compare(&shown, &real, false).is_some());
    assert_eq!(
        compare(&["t 12 ms".into()], &["t  3 ms".into()], true),
        None
    );
    assert!(compare(&["t 12 ms".into()], &["t 3 s".into()], true).is_some());
    let v: Value = serde_json::json!({"a": {"b": "hello world"}, "c": [1, {"d": true}]});
    assert_eq!(json_matches(r#"{ "b": "hello...", "d": true }"#, &v), Ok(2));
    assert!(json_matches(r#"{ "b": "bye" }"#, &v).is_err());
}
