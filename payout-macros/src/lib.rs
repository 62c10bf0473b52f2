//! `payout::provider!`: a gateway spec becomes a typed Rust client at compile time.
//!
//! ```ignore
//! payout::provider!("specs/cashy.yaml");                     // pub mod cashy { ... }
//! payout::provider!(pub(crate) mod gateway = "specs/cashy.yaml");
//! payout::provider!(pub mod cashy = "specs/cashy.yaml", path = my_crate::cashy);
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. `path =` says where the
//! crate's users reach the module: each request's documented example then names it and is
//! compiled as a doctest (`no_run`); without it the examples are shown only (`ignore`). A spec with errors is a
//! `compile_error!` per problem, in the form `payout lint` prints. The work is a pipeline
//! of stages that tests call without the compiler: [`input`] (what the macro was given) →
//! [`load`] (read and check the spec) → [`model`] (the Rust shape of the spec) →
//! [`generate`] (the tokens).

mod generate;
mod input;
mod load;
mod model;

use std::path::{Path, PathBuf};

use payout_spec::diag::Span;
use payout_spec::{Diagnostic, Severity};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

/// Generates a typed client module from a spec. See the crate documentation.
#[proc_macro]
pub fn provider(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    expand(input.into(), manifest_dir.as_deref()).into()
}

/// The whole pipeline; never panics: problems become `compile_error!`s. `manifest_dir` is
/// the calling crate's `CARGO_MANIFEST_DIR`, `None` when cargo did not set it.
fn expand(input: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    let parsed: input::MacroInput = match syn::parse2(input) {
        Ok(p) => p,
        Err(e) => return e.to_compile_error(),
    };
    let span = parsed.path.span();
    let path = parsed.path.value();
    // A relative path would be resolved against whatever directory the compiler runs in.
    let Some(manifest_dir) = manifest_dir else {
        let message = format!(
            "payout::provider!: CARGO_MANIFEST_DIR is not set, so `{path}` cannot be found; \
             build with cargo, or set CARGO_MANIFEST_DIR to the crate's directory"
        );
        return quote_spanned! { span => compile_error!(#message); };
    };
    let loaded = match load::load(manifest_dir, &path) {
        Ok(loaded) => loaded,
        Err(problems) => {
            let errors = problems
                .iter()
                .map(|p| quote_spanned! { span => compile_error!(#p); });
            return quote! { #(#errors)* };
        }
    };
    let file = loaded.file.to_string_lossy().into_owned();
    match model::build(&loaded.spec, parsed.vis, parsed.module, file) {
        Ok(mut m) => {
            m.doc_path = parsed.doc_path;
            generate::module(&m)
        }
        Err(e) => {
            let message = document_error(&path, e);
            quote_spanned! { span => compile_error!(#message); }
        }
    }
}

/// A problem with the spec as a whole, in the lint format the loader's problems have
/// (`FILE:1:1: error: (document): message`), the file named as the caller wrote it.
fn document_error(path: &str, message: String) -> String {
    Diagnostic {
        severity: Severity::Error,
        file: PathBuf::from(path),
        span: Some(Span::new(1, 1)),
        path: String::new(),
        message,
    }
    .to_string()
}

#[cfg(test)]
mod snapshots {
    //! The expanded code of each spec in `specs/`, pretty-printed and checked in under
    //! `payout-macros/snapshots/`: a change to the generator or a spec shows up as a diff to
    //! review. `PAYOUT_UPDATE_SNAPSHOTS=1 cargo test -p payout-macros` rewrites them.

    use std::path::{Path, PathBuf};

    fn expand_spec(id: &str) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let loaded = crate::load::load(&root, &format!("specs/{id}.yaml"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        // A stable path in the snapshot, whatever the machine.
        let file = format!("$CARGO_MANIFEST_DIR/specs/{id}.yaml");
        let m = crate::model::build(&loaded.spec, syn::parse_quote!(pub), None, file)
            .expect("the spec serialises");
        let tokens = crate::generate::module(&m);
        let file: syn::File = syn::parse2(tokens).expect("the expansion parses as Rust");
        prettyplease::unparse(&file)
    }

    #[test]
    fn expansions_match_the_snapshots() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots");
        let update = std::env::var_os("PAYOUT_UPDATE_SNAPSHOTS").is_some();
        let mut drifted = Vec::new();
        for id in [
            "xettle", "eanishop", "teemopay", "tecpay", "cashy", "stripe", "paystack", "wise",
        ] {
            let got = expand_spec(id);
            let path = dir.join(format!("{id}.rs"));
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &got).unwrap();
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if got != want {
                drifted.push(path.display().to_string());
            }
        }
        assert!(
            drifted.is_empty(),
            "the expansion changed for {drifted:?}: review it, then `PAYOUT_UPDATE_SNAPSHOTS=1 cargo test -p payout-macros`"
        );
    }

    /// Every operation's documentation has an example, and every example is Rust that parses
    /// (the examples are `ignore`d by rustdoc: the path of the module is the caller's).
    #[test]
    fn every_operation_has_an_example_that_parses() {
        for id in [
            "xettle", "eanishop", "teemopay", "tecpay", "cashy", "stripe", "paystack",
        ] {
            let code = expand_spec(id);
            let examples: Vec<&str> = code
                .split("```ignore\n")
                .skip(1)
                .filter_map(|rest| rest.split_once("\n```").map(|(example, _)| example))
                .collect();
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let operations = crate::load::load(&root, &format!("specs/{id}.yaml"))
                .map(|l| l.spec.operations.len())
                .unwrap_or(0);
            assert!(operations > 0, "{id}: no operations read");
            assert_eq!(
                examples.len(),
                operations,
                "{id}: one example per operation"
            );
            for example in examples {
                assert!(example.contains(".send(&request)"), "{id}: {example}");
                if let Err(e) = syn::parse_str::<syn::File>(example) {
                    panic!("{id}: the example does not parse ({e}):\n{example}");
                }
            }
        }
    }

    /// The generated documentation sends its reader nowhere outside the repository: every
    /// file it names (`*.md`, `*.yaml`, `*.rs`, `*.txt`) exists in it.
    #[test]
    fn generated_docs_name_only_files_in_the_repository() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut all = Vec::new();
        collect_names(&root, &mut all);
        let mut dangling = Vec::new();
        for id in ["xettle", "eanishop", "teemopay", "tecpay", "cashy"] {
            let code = expand_spec(id);
            let docs = code.lines().map(str::trim).filter(|l| {
                l.starts_with("///")
                    || l.starts_with("//!")
                    || l.starts_with("/**")
                    || l.starts_with("*")
            });
            for line in docs {
                for word in line.split(|c: char| !(c.is_alphanumeric() || "._-/".contains(c))) {
                    let word = word.trim_matches('.');
                    let named = [".md", ".yaml", ".rs", ".txt"]
                        .iter()
                        .any(|e| word.ends_with(e));
                    let name = word.rsplit('/').next().unwrap_or(word);
                    if named && !all.iter().any(|f| f == name) {
                        dangling.push(format!("{id}: `{word}` in {line}"));
                    }
                }
            }
        }
        assert!(dangling.is_empty(), "{dangling:#?}");
        // The check sees files (a test of nothing otherwise).
        assert!(all.iter().any(|f| f == "README.md"));
    }

    /// File names under `dir`, build output left out.
    fn collect_names(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            if e.path().is_dir() {
                collect_names(&e.path(), out);
            } else {
                out.push(name);
            }
        }
    }
}

#[cfg(test)]
mod pipeline {
    //! The whole pipeline, [`expand`], without the compiler: on every bad spec of
    //! `tests/specs/bad/`, on junk, and on macro input that is not what it should be. It must
    //! never panic, and every problem must come out as a `compile_error!` in the lint format.

    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::path::{Path, PathBuf};

    use proc_macro2::TokenStream;
    use quote::quote;

    use super::{document_error, expand};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// Expands `provider!(path)` against `dir`; a panic is an `Err` naming the input.
    fn expand_path(dir: &Path, path: &str) -> Result<TokenStream, String> {
        catch_unwind(AssertUnwindSafe(|| expand(quote!(#path), Some(dir))))
            .map_err(|_| format!("the macro panicked on {path}"))
    }

    /// The messages of the `compile_error!`s of an expansion, and whether anything else
    /// (generated code) is in it.
    fn compile_errors(tokens: TokenStream) -> (Vec<String>, bool) {
        let file: syn::File = match syn::parse2(tokens) {
            Ok(f) => f,
            Err(e) => return (vec![format!("unparsable expansion: {e}")], true),
        };
        let mut errors = Vec::new();
        let mut other = false;
        for item in file.items {
            match item {
                // `compile_error!` as the macro writes it, `::core::compile_error!` as syn does.
                syn::Item::Macro(m)
                    if m.mac
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "compile_error") =>
                {
                    match m.mac.parse_body::<syn::LitStr>() {
                        Ok(s) => errors.push(s.value()),
                        Err(e) => errors.push(format!("compile_error! without a message: {e}")),
                    }
                }
                _ => other = true,
            }
        }
        (errors, other)
    }

    /// `FILE:LINE:COL: error: PATH: message`, the file as given, line and column numbers
    /// from 1, and a YAML path (or `(document)`).
    fn lint_format_problem(file: &str, line: &str) -> Option<String> {
        let Some(rest) = line.strip_prefix(&format!("{file}:")) else {
            return Some(format!("does not start with `{file}:`"));
        };
        let Some((position, rest)) = rest.split_once(": error: ") else {
            return Some("no `: error: `".into());
        };
        let numbers: Vec<Option<usize>> = position.split(':').map(|n| n.parse().ok()).collect();
        if numbers.len() != 2 || numbers.iter().any(|n| !matches!(n, Some(1..))) {
            return Some(format!("`{position}` is not LINE:COL"));
        }
        match rest.split_once(": ") {
            Some((path, message)) if !path.is_empty() && !message.is_empty() => None,
            _ => Some("no `PATH: message`".into()),
        }
    }

    #[test]
    fn every_bad_spec_is_its_lint_lines_as_compile_errors() {
        let dir = root().join("tests/specs/bad");
        let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/specs/bad is readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        specs.sort();
        assert!(specs.len() >= 10, "only {} bad specs", specs.len());
        let mut failures = Vec::new();
        let mut refused = 0;
        for spec in &specs {
            let Some(name) = spec.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let path = format!("tests/specs/bad/{name}");
            let expected = std::fs::read_to_string(spec.with_extension("expected"))
                .unwrap_or_else(|e| panic!("{path}: no .expected file: {e}"));
            // The errors only: a spec that only warns loads, and its module is generated.
            let want: Vec<&str> = expected
                .lines()
                .filter(|l| l.contains(": error: "))
                .collect();
            let tokens = match expand_path(&root(), &path) {
                Ok(t) => t,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let (got, generated) = compile_errors(tokens);
            if got != want {
                failures.push(format!("{path}:\n  want {want:#?}\n  got {got:#?}"));
            }
            if want.is_empty() != generated {
                failures.push(format!(
                    "{path}: generated code is {generated}, expected errors {want:?}"
                ));
            }
            for line in &got {
                if let Some(p) = lint_format_problem(&path, line) {
                    failures.push(format!("{path}: `{line}`: {p}"));
                }
            }
            refused += usize::from(!want.is_empty());
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(refused >= 10, "only {refused} bad specs were refused");
    }

    /// Text that is hardly a spec at all: each is refused with at least one lint line.
    #[test]
    fn junk_is_refused_without_a_panic() {
        let dir = std::env::temp_dir().join(format!("payout-macros-junk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let depth = 100_000;
        let nested_mapping: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let mut alias_bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            alias_bomb.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ).replace("*a0", "*a"));
        }
        let junk: Vec<(&str, Vec<u8>)> = vec![
            ("empty.yaml", Vec::new()),
            ("blank.yaml", b"  \n\n\t\n".to_vec()),
            ("comment.yaml", b"# nothing but a comment\n".to_vec()),
            ("scalar.yaml", b"42\n".to_vec()),
            ("list.yaml", b"- spec_version\n- 1\n".to_vec()),
            ("null.yaml", b"~\n".to_vec()),
            (
                "binary.yaml",
                vec![0x00, 0xff, 0xfe, 0x80, 0x01, b'\n', 0xc3, 0x28, 0x9f],
            ),
            (
                "controls.yaml",
                "\u{feff}\u{0}\u{1}spec_version: \u{7f}1\n\u{1b}[31m"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "nested_flow.yaml",
                format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes(),
            ),
            (
                "nested_map.yaml",
                format!("{}{}", "{a: ".repeat(depth), "}".repeat(depth)).into_bytes(),
            ),
            ("nested_block.yaml", nested_mapping.into_bytes()),
            ("unclosed.yaml", "[".repeat(depth).into_bytes()),
            ("alias_bomb.yaml", alias_bomb.into_bytes()),
            ("spec_version_only.yaml", b"spec_version: 1\n".to_vec()),
            (
                "wrong_types.yaml",
                b"spec_version: [1]\nprovider: 7\nmoney: yes\noperations: nope\n".to_vec(),
            ),
        ];
        let mut failures = Vec::new();
        for (name, bytes) in &junk {
            if let Err(e) = std::fs::write(dir.join(name), bytes) {
                failures.push(format!("{name}: cannot write: {e}"));
                continue;
            }
            let tokens = match expand_path(&dir, name) {
                Ok(t) => t,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            let (errors, generated) = compile_errors(tokens);
            if errors.is_empty() || generated {
                failures.push(format!("{name}: not refused: {errors:?}"));
            }
            for line in &errors {
                if let Some(p) = lint_format_problem(name, line) {
                    failures.push(format!("{name}: `{line}`: {p}"));
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Macro input that is not a path (or `VIS mod NAME = PATH`) is a `compile_error!`.
    #[test]
    fn bad_macro_input_is_a_compile_error() {
        let inputs = [
            quote!(),
            quote!(42),
            quote!(specs / cashy.yaml),
            quote!(mod = "specs/cashy.yaml"),
            quote!(pub mod cashy "specs/cashy.yaml"),
            quote!(pub mod cashy = "specs/cashy.yaml" trailing),
        ];
        for input in inputs {
            let shown = input.to_string();
            let out = catch_unwind(AssertUnwindSafe(|| expand(input, Some(&root()))))
                .unwrap_or_else(|_| panic!("panicked on `{shown}`"));
            // Nothing but the error: no module generated from a guess.
            let (errors, generated) = compile_errors(out);
            assert!(
                !errors.is_empty() && !generated,
                "`{shown}` gave {errors:?}"
            );
        }
    }

    /// Without `CARGO_MANIFEST_DIR` the spec cannot be found reliably: a `compile_error!`
    /// says so, rather than a path resolved against whatever directory rustc runs in.
    #[test]
    fn no_manifest_dir_is_a_compile_error() {
        let (errors, generated) = compile_errors(expand(quote!("specs/cashy.yaml"), None));
        assert!(!generated);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("CARGO_MANIFEST_DIR is not set"),
            "{errors:?}"
        );
        assert!(errors[0].contains("specs/cashy.yaml"), "{errors:?}");
    }

    #[test]
    fn a_problem_of_the_whole_spec_reads_like_lint_output() {
        let line = document_error("specs/cashy.yaml", "the spec cannot be embedded: x".into());
        assert_eq!(
            line,
            "specs/cashy.yaml:1:1: error: (document): the spec cannot be embedded: x"
        );
        assert_eq!(lint_format_problem("specs/cashy.yaml", &line), None);
    }

    /// Every identifier in `tokens`.
    fn idents(tokens: TokenStream, out: &mut std::collections::HashSet<String>) {
        for t in tokens {
            match t {
                proc_macro2::TokenTree::Ident(i) => {
                    out.insert(i.to_string());
                }
                proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
                _ => {}
            }
        }
    }

    /// The generated module imports only what it uses: a spec without secrets, decimals
    /// or requests imports no `Secret`, `Decimal`; every name imported appears in the code.
    #[test]
    fn imports_are_only_the_names_used() {
        let specs = [
            "specs/xettle.yaml",
            "specs/eanishop.yaml",
            "specs/teemopay.yaml",
            "specs/tecpay.yaml",
            "specs/cashy.yaml",
            "examples/acme.yaml",
            "tests/ui/pass/minimal.yaml",
        ];
        for spec in specs {
            let tokens = expand_path(&root(), spec).unwrap_or_else(|e| panic!("{e}"));
            let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("{spec}: {e}"));
            let Some(syn::Item::Mod(module)) = file.items.first() else {
                panic!("{spec}: no module");
            };
            let items = module
                .content
                .as_ref()
                .map(|(_, i)| i.as_slice())
                .unwrap_or_default();
            let mut imported = Vec::new();
            let mut used = std::collections::HashSet::new();
            for item in items {
                match item {
                    syn::Item::Use(u) => {
                        let text = quote!(#u).to_string();
                        let names = text.rsplit_once('{').map(|(_, n)| n).unwrap_or(&text);
                        imported.extend(
                            names
                                .split([',', '}', ';', ' '])
                                .filter(|n| !n.is_empty() && *n != "self")
                                .map(str::to_string),
                        );
                    }
                    other => idents(quote!(#other), &mut used),
                }
            }
            assert!(imported.len() >= 6, "{spec}: {imported:?}");
            for name in &imported {
                assert!(
                    used.contains(name),
                    "{spec}: `{name}` is imported but not used"
                );
            }
            if spec.contains("minimal") {
                for name in ["Secret", "Decimal"] {
                    assert!(!imported.iter().any(|n| n == name), "{spec} imports {name}");
                }
            } else {
                assert!(
                    imported.iter().any(|n| n == "Decimal"),
                    "{spec}: {imported:?}"
                );
            }
        }
    }
}
