//! Checks of every template and expression: they parse, they name only variables that
//! exist where they are used, the recipes they name are defined and acyclic, and signatures
//! on received messages can be verified.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::Ctx;
use crate::diag::{did_you_mean, one_of_list};
use crate::model::{Input, Iv, Operation, Recipe, Step};
use crate::template::{self, uses, Analysis, Kind, Site, TemplateUse as Use};

/// Variables of templates that build or read a message.
pub const MESSAGE_ROOTS: &[&str] = &[
    "credentials",
    "body",
    "params",
    "query",
    "method",
    "path",
    "url",
    "timestamp",
    "nonce",
    "signatures",
    "obtained",
    "challenge",
];

pub(super) fn check_templates(cx: &mut Ctx) {
    let spec = cx.spec;
    let uses = uses(spec);
    let mut analyses: Vec<(&Use, Analysis)> = Vec::new();
    for u in &uses {
        let parsed = if u.kind == Kind::Expression {
            template::analyze_expression(u.source)
        } else {
            template::analyze(u.source)
        };
        match parsed {
            Ok(a) => analyses.push((u, a)),
            Err(e) => cx.error(
                u.path.clone(),
                format!(
                    "the {} does not parse: {e}",
                    if u.kind == Kind::Expression {
                        "expression"
                    } else {
                        "template"
                    }
                ),
            ),
        }
    }

    for (u, a) in &analyses {
        check_names(cx, u, a);
        check_calls(cx, u);
    }

    let graph = recipe_graph(&analyses);
    check_cycles(cx, &graph);
    let sites = recipe_sites(&analyses, &graph);
    for (u, a) in &analyses {
        if let Some(r) = u.recipe {
            for site in sites.get(r).into_iter().flatten() {
                check_message_names(cx, u, a, *site);
            }
        }
    }
    check_signature_placements(cx, &analyses, &graph);
    check_challenge_uses(cx, &analyses, &graph);
    check_received_authentication(cx, &analyses);
    check_header_parts(cx);
}

/// A header of parts is read by key: each placeholder of its template must follow its own
/// `key=`, or it could not be found in what the gateway sends.
fn check_header_parts(cx: &mut Ctx) {
    let spec = cx.spec;
    let messages = spec
        .webhooks
        .iter()
        .map(|(n, w)| (format!("webhooks.{n}"), &w.headers, &w.header_parts))
        .chain(spec.operations.iter().map(|(n, o)| {
            (
                format!("operations.{n}.response"),
                &o.response.headers,
                &o.response.header_parts,
            )
        }));
    for (base, headers, parts) in messages {
        for (h, how) in parts {
            let path = format!("{base}.header_parts.{h}");
            let Some(t) = headers.get(h) else {
                cx.error(
                    path,
                    format!(
                        "no header `{h}` under `headers` to read in parts{}",
                        did_you_mean(h, headers.keys().map(String::as_str))
                    ),
                );
                continue;
            };
            if how.separator.is_empty() || how.pair.is_empty() {
                cx.error(path, "`separator` and `pair` cannot be empty");
                continue;
            }
            let ok = template::segments(t).is_some_and(|segs| {
                let mut prev_key = false;
                segs.iter().all(|s| match s {
                    template::Segment::Literal(l) => {
                        prev_key = l.ends_with(how.pair.as_str());
                        true
                    }
                    template::Segment::Var(_) => std::mem::take(&mut prev_key),
                })
            });
            if !ok {
                cx.error(
                    format!("{base}.headers.{h}"),
                    format!(
                        "a header read in parts is written as `key{pair}{{{{ name }}}}` parts joined by `{sep}` (`t{pair}{{{{ timestamp }}}}{sep}v1{pair}{{{{ signatures.NAME }}}}`), with no filters",
                        pair = how.pair,
                        sep = how.separator
                    ),
                );
            }
        }
    }
}

/// A notify URL takes requests from anyone: a webhook that carries neither a signature nor
/// a secret credential could be forged by anyone, so the runtime refuses such webhooks and
/// the spec must say how they are authenticated. Signatures on received messages are read
/// back from headers and top-level fields only (a nested computed field is refused in
/// `fields`).
fn check_received_authentication(cx: &mut Ctx, analyses: &[(&Use, Analysis)]) {
    let spec = cx.spec;
    let secret = |a: &Analysis| {
        !a.under("signatures").is_empty()
            || a.under("credentials")
                .iter()
                .any(|c| spec.credentials.get(c).is_some_and(|x| x.is_secret()))
    };
    for name in spec.webhooks.keys() {
        if cx.removed_under(&format!("webhooks.{name}")) {
            continue;
        }
        // Verified by asking the gateway.
        if spec
            .webhooks
            .get(name)
            .is_some_and(|w| w.postback.is_some())
        {
            continue;
        }
        let authenticated = analyses.iter().any(|(u, a)| {
            u.site == Some(Site::Webhook(name))
                && u.kind != Kind::Expression
                && (u.kind == Kind::Message || is_top_level(&u.path))
                && secret(a)
        });
        if !authenticated {
            cx.error(
                format!("webhooks.{name}"),
                "the webhook carries no signature and no secret credential, so anyone could forge it: add a header or top-level field with `{{ signatures.NAME }}` (or the secret token the gateway sends, `{{ credentials.NAME }}`)",
            );
        }
    }
}

/// `...body.fields.NAME.value` rather than a field nested in an object or variant.
fn is_top_level(path: &str) -> bool {
    let Some(rest) = path.strip_suffix(".value") else {
        return true;
    };
    match rest.rfind(".body.fields.") {
        Some(i) => !rest[i + ".body.fields.".len()..].contains('.'),
        None => true,
    }
}

/// Every name a template uses must exist where it runs: with strict undefined a misspelt
/// name would fail the first real request instead of the lint.
fn check_names(cx: &mut Ctx, u: &Use, a: &Analysis) {
    let spec = cx.spec;
    let mut roots: Vec<&str> = match u.kind {
        Kind::Message | Kind::BodyValue => MESSAGE_ROOTS.to_vec(),
        Kind::Recipe { .. } => {
            let mut r = MESSAGE_ROOTS.to_vec();
            r.push("input");
            r
        }
        Kind::SandboxReply => vec!["message"],
        Kind::Derive => vec!["value"],
        Kind::Expression => Vec::new(),
    };
    if u.kind == Kind::Expression {
        // The response JSON's top-level keys, plus the HTTP status.
        let declared = match u.site {
            Some(Site::Response(op)) => spec
                .operations
                .get(op)
                .and_then(|o| o.response.body.as_ref()),
            _ => None,
        };
        let Some(body) = declared else { return };
        roots = body.fields.keys().map(String::as_str).collect();
        roots.push("http_status");
    }
    // A called name is a function, checked (and reported) by `check_calls`.
    let called: BTreeSet<String> = template::calls(u.source, u.kind == Kind::Expression)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.kind == template::Callable::Function)
        .map(|c| c.name)
        .collect();
    for root in a.roots() {
        if !roots.contains(&root.as_str()) && !called.contains(&root) {
            let msg = if u.kind == Kind::Expression {
                format!(
                    "`{root}` is not a field of the response body; declare it under `response.body.fields` or use one of {}{}",
                    one_of_list(roots.iter().copied()),
                    did_you_mean(&root, roots.iter().copied())
                )
            } else {
                format!(
                    "`{root}` is not a template variable here; available: {}{}",
                    one_of_list(roots.iter().copied()),
                    did_you_mean(&root, roots.iter().copied())
                )
            };
            cx.error(u.path.clone(), msg);
        }
    }
    if u.kind == (Kind::Recipe { first_step: true }) && a.roots().contains("input") {
        cx.error(
            u.path.clone(),
            "`{{ input }}` in the first step has nothing to refer to: start the recipe with an `input` step, or build the string from named values",
        );
    }
    for c in a.under("credentials") {
        if !spec.credentials.contains_key(&c) {
            cx.error(
                u.path.clone(),
                format!(
                    "no credential `{c}`; declared: {}{}",
                    one_of_list(spec.credentials.keys().map(String::as_str)),
                    did_you_mean(&c, spec.credentials.keys().map(String::as_str))
                ),
            );
        }
    }
    for o in a.under("obtained") {
        if !spec.obtain.contains_key(&o) {
            cx.error(
                u.path.clone(),
                format!(
                    "no obtained value `{o}`; declared under `obtain`: {}{}",
                    one_of_list(spec.obtain.keys().map(String::as_str)),
                    did_you_mean(&o, spec.obtain.keys().map(String::as_str))
                ),
            );
        }
    }
    for s in a.under("signatures") {
        if !spec.signing.contains_key(&s) && !cx.was_removed(&format!("signing.{s}")) {
            cx.error(
                u.path.clone(),
                format!(
                    "the signing recipe `{s}` is referenced but not defined under `signing`{}",
                    did_you_mean(&s, spec.signing.keys().map(String::as_str))
                ),
            );
        }
    }
    if let Some(site) = u.site {
        check_message_names(cx, u, a, site);
    }
}

/// Every filter, test and function must exist: minijinja looks them up only when it
/// renders, so a misspelt `strftime` would pass the lint and fail the first real request.
fn check_calls(cx: &mut Ctx, u: &Use) {
    let Ok(calls) = template::calls(u.source, u.kind == Kind::Expression) else {
        return; // A template that does not parse is reported already.
    };
    let mut reported = HashSet::new();
    for c in calls {
        // A date format written in the spec is checked now, not at the first request.
        if c.kind == template::Callable::Filter && c.name == "strftime" {
            if let Some(Err(e)) = c.literal_arg.as_deref().map(crate::filters::check_format) {
                cx.error(u.path.clone(), e);
            }
        }
        if template::is_known(c.kind, &c.name) || !reported.insert((c.kind, c.name.clone())) {
            continue;
        }
        let at =
            c.at.map(|(l, col)| format!(" (line {l}, column {col} of the template)"))
                .unwrap_or_default();
        let names = template::suggestions(c.kind);
        let list = if c.kind == template::Callable::Filter {
            format!(
                "; payout's own filters are {}",
                one_of_list(crate::filters::NAMES.iter().copied())
            )
        } else {
            format!("; known: {}", one_of_list(names.iter().copied()))
        };
        cx.error(
            u.path.clone(),
            format!(
                "unknown {} `{}`{at}{list}{}",
                c.kind.noun(),
                c.name,
                did_you_mean(&c.name, names.iter().copied())
            ),
        );
    }
}

/// `body.X`, `params.X` and `query.X` name fields of the message the template works on.
fn check_message_names(cx: &mut Ctx, u: &Use, a: &Analysis, site: Site) {
    let spec = cx.spec;
    let (body, op): (Option<Vec<&str>>, Option<&Operation>) = match site {
        Site::Request(op) => {
            let o = spec.operations.get(op);
            (
                o.map(|o| {
                    o.body
                        .iter()
                        .flat_map(|b| b.fields.keys())
                        .map(String::as_str)
                        .collect()
                }),
                o,
            )
        }
        Site::Response(op) => {
            let o = spec.operations.get(op);
            (
                o.and_then(|o| o.response.body.as_ref())
                    .map(|b| b.fields.keys().map(String::as_str).collect()),
                o,
            )
        }
        Site::Webhook(w) => (
            spec.webhooks
                .get(w)
                .map(|w| w.body.fields.keys().map(String::as_str).collect()),
            None,
        ),
    };
    let in_recipe = u
        .recipe
        .map(|r| format!(" (recipe `{r}` is used by {})", site.describe()))
        .unwrap_or_default();
    // Where the message's fields are, to tell a missing field from one dropped as invalid.
    let fields_at = match site {
        Site::Request(op) => format!("operations.{op}"),
        Site::Response(op) => format!("operations.{op}.response"),
        Site::Webhook(w) => format!("webhooks.{w}"),
    };
    if let Some(body) = body {
        for name in a.under("body") {
            if !body.contains(&name.as_str())
                && !cx.was_removed(&format!("{fields_at}.body.fields.{name}"))
            {
                cx.error(
                    u.path.clone(),
                    format!(
                        "`body.{name}` is not a field of {}{in_recipe}{}",
                        site.describe(),
                        did_you_mean(&name, body.iter().copied())
                    ),
                );
            }
        }
    }
    for (key, fields) in [
        ("params", op.map(|o| &o.params)),
        ("query", op.map(|o| &o.query)),
    ] {
        for name in a.under(key) {
            let known = fields.is_some_and(|f| f.contains_key(&name))
                || cx.was_removed(&format!("{fields_at}.{key}.{name}"));
            if !known {
                cx.error(
                    u.path.clone(),
                    format!(
                        "`{key}.{name}` is not a {key} field of {}{in_recipe}",
                        site.describe()
                    ),
                );
            }
        }
    }
}

/// recipe → recipes its templates use.
fn recipe_graph<'a>(analyses: &[(&Use<'a>, Analysis)]) -> HashMap<&'a str, BTreeSet<String>> {
    let mut g: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (u, a) in analyses {
        if let Some(r) = u.recipe {
            g.entry(r).or_default().extend(a.under("signatures"));
        }
    }
    g
}

/// `challenge` (the gateway's one-time token) exists only in the request that answers a
/// challenge: a template elsewhere that reads it, itself or through a recipe, would fail on
/// every first send.
fn check_challenge_uses(
    cx: &mut Ctx,
    analyses: &[(&Use<'_>, Analysis)],
    graph: &HashMap<&str, BTreeSet<String>>,
) {
    let direct: HashSet<&str> = analyses
        .iter()
        .filter(|(_, a)| a.roots().contains("challenge"))
        .filter_map(|(u, _)| u.recipe)
        .collect();
    // Recipes that read it, directly or through the recipes they use.
    let reads = |start: &str| {
        let mut todo = vec![start.to_string()];
        let mut seen = HashSet::new();
        while let Some(r) = todo.pop() {
            if direct.contains(r.as_str()) {
                return true;
            }
            if seen.insert(r.clone()) {
                todo.extend(graph.get(r.as_str()).into_iter().flatten().cloned());
            }
        }
        false
    };
    for (u, a) in analyses {
        if u.recipe.is_some() || u.path.contains(".challenge.headers.") {
            continue;
        }
        let via = a.under("signatures").into_iter().find(|r| reads(r));
        if a.roots().contains("challenge") || via.is_some() {
            let how = via.map_or(String::new(), |r| format!(" (through `signatures.{r}`)"));
            cx.error(
                u.path.clone(),
                format!("`challenge`{how} is only known in an operation's `challenge.headers`, which answer a gateway's challenge"),
            );
        }
    }
}

/// Recipes that use each other in a circle could never be computed.
fn check_cycles(cx: &mut Ctx, graph: &HashMap<&str, BTreeSet<String>>) {
    let mut reported = HashSet::new();
    // In the spec's order, so the same spec always gives the same report.
    let starts: Vec<&str> = cx
        .spec
        .signing
        .keys()
        .map(String::as_str)
        .filter(|r| graph.contains_key(r))
        .collect();
    for start in starts {
        let mut stack = vec![(start.to_string(), vec![start.to_string()])];
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(node.as_str()).into_iter().flatten() {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(next.clone());
                    let mut key = trail.clone();
                    key.sort();
                    if reported.insert(key) {
                        cx.error(
                            format!("signing.{start}"),
                            format!(
                                "recipes refer to each other in a circle: {}",
                                cycle.join(" → ")
                            ),
                        );
                    }
                } else if !trail.contains(next) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
}

/// Every recipe reachable from `name` (itself included).
fn closure<'g>(graph: &'g HashMap<&str, BTreeSet<String>>, name: &'g str) -> BTreeSet<&'g str> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name];
    while let Some(n) = todo.pop() {
        if seen.insert(n) {
            todo.extend(graph.get(n).into_iter().flatten().map(String::as_str));
        }
    }
    seen
}

/// The messages each recipe ends up signing or verifying.
fn recipe_sites<'a>(
    analyses: &[(&Use<'a>, Analysis)],
    graph: &HashMap<&str, BTreeSet<String>>,
) -> HashMap<String, HashSet<Site<'a>>> {
    let mut out: HashMap<String, HashSet<Site<'a>>> = HashMap::new();
    for (u, a) in analyses {
        let Some(site) = u.site else { continue };
        for r in a.under("signatures") {
            for reached in closure(graph, &r) {
                out.entry(reached.to_string()).or_default().insert(site);
            }
        }
    }
    out
}

/// Where a signature is placed decides what it may sign and whether it can be checked:
/// a body field cannot sign the body it is part of, a signature on a received message must
/// be readable back and verifiable, and a random step can only be verified by undoing it.
fn check_signature_placements(
    cx: &mut Ctx,
    analyses: &[(&Use, Analysis)],
    graph: &HashMap<&str, BTreeSet<String>>,
) {
    let spec = cx.spec;
    for (u, a) in analyses {
        let Some(site) = u.site else { continue };
        let used = a.under("signatures");
        if used.is_empty() || u.kind == Kind::Expression {
            continue;
        }
        if u.kind == Kind::BodyValue {
            let field = field_name(&u.path);
            for r in used.iter().flat_map(|r| closure(graph, r)) {
                let Some(recipe) = spec.signing.get(r) else {
                    continue;
                };
                match recipe.steps.first() {
                    Some(Step::Input(Input::BodyBytes | Input::Form)) => cx.error(
                        u.path.clone(),
                        format!("the field `{field}` holds the result of `{r}`, which signs the body that contains `{field}`: sign `input: {{ canonical: {{ exclude: [{field}] }} }}` or a template of other fields instead"),
                    ),
                    Some(Step::Input(Input::Canonical(c))) if !c.exclude.iter().any(|e| e == field) => cx.error(
                        u.path.clone(),
                        format!("the field `{field}` holds the result of `{r}`, whose canonical input would include `{field}` itself: add it to `exclude`"),
                    ),
                    _ => {}
                }
            }
        }
        let readable = template::segments(u.source).is_some();
        for r in &used {
            let Some(recipe) = spec.signing.get(r) else {
                continue;
            };
            if site.is_received() {
                if !readable {
                    cx.error(
                        u.path.clone(),
                        "a signature on a received message is verified by reading the value back through this template, so it may only contain text and `{{ name }}` placeholders (no filters or blocks)",
                    );
                }
                check_verifiable(cx, r, recipe, &u.path);
            } else {
                check_signable(cx, r, recipe, &u.path);
                if !readable {
                    cx.warning(
                        u.path.clone(),
                        "the sandbox reads signatures back through this template to verify them; with filters or blocks it cannot, so it will accept this request unverified",
                    );
                }
            }
        }
    }
}

fn field_name(path: &str) -> &str {
    path.trim_end_matches(".value")
        .rsplit('.')
        .next()
        .unwrap_or(path)
}

/// A signature this side sends with a private key needs that key: a recipe written only to
/// verify the gateway's signatures (`verify_key` alone) cannot sign a request.
fn check_signable(cx: &mut Ctx, name: &str, recipe: &Recipe, used_at: &str) {
    for (i, step) in recipe.steps.iter().enumerate() {
        let (what, missing) = match step {
            Step::Ed25519Sign(e) => ("ed25519_sign", e.key.is_none()),
            Step::JwsSign(j) => (
                "jws_sign",
                j.alg != crate::model::JwsAlg::Hs256 && j.key.is_none(),
            ),
            _ => continue,
        };
        if missing {
            cx.error(
                format!("signing.{name}.steps[{i}].{what}"),
                format!("`{name}` signs a message this side sends ({used_at}): add `key:` naming the merchant's private key credential"),
            );
        }
    }
}

/// A received signature is verified by recomputing it, except after a step that cannot be
/// recomputed (an RSA signature, a random-IV encryption): that step is undone instead, and
/// only encodings may follow it.
fn check_verifiable(cx: &mut Ctx, name: &str, recipe: &Recipe, used_at: &str) {
    let random = |s: &Step| match s {
        Step::RsaSign(_) | Step::RsaEncrypt(_) | Step::JwsSign(_) | Step::Ed25519Sign(_) => true,
        Step::AesEncrypt(a) => a.iv == Iv::Random,
        _ => false,
    };
    let Some(k) = recipe.steps.iter().rposition(random) else {
        return;
    };
    for (i, s) in recipe.steps.iter().enumerate().skip(k + 1) {
        if !matches!(s, Step::Encode(_) | Step::Decode(_)) {
            cx.error(
                format!("signing.{name}.steps[{i}]"),
                format!("`{name}` verifies a received message ({used_at}) by undoing step {k} (`{}`), so only `encode`/`decode` steps may follow it, not `{}`", recipe.steps[k].name(), s.name()),
            );
        }
    }
    if let Step::RsaEncrypt(r) = &recipe.steps[k] {
        cx.error(
            format!("signing.{name}.steps[{k}].rsa_encrypt"),
            format!("`{name}` checks a message the gateway sent ({used_at}), but what is encrypted with the public key `{}` can only be read by the holder of its private key, the gateway: encrypt only what this side sends", r.key),
        );
    }
    if let Step::Ed25519Sign(e) = &recipe.steps[k] {
        if e.verify_key.is_none() {
            cx.error(
                format!("signing.{name}.steps[{k}].ed25519_sign"),
                format!("`{name}` verifies a message the gateway signed ({used_at}): add `verify_key:` naming the gateway's `ed25519_public_key` credential"),
            );
        }
    }
    if let Step::JwsSign(j) = &recipe.steps[k] {
        if j.alg != crate::model::JwsAlg::Hs256 && j.verify_key.is_none() {
            cx.error(
                format!("signing.{name}.steps[{k}].jws_sign"),
                format!("`{name}` verifies a token the gateway signed ({used_at}): add `verify_key:` naming the gateway's public key credential"),
            );
        }
    }
    if let Step::RsaSign(r) = &recipe.steps[k] {
        if r.verify_key.is_none() {
            cx.error(
                format!("signing.{name}.steps[{k}].rsa_sign"),
                format!("`{name}` verifies a message the gateway signed ({used_at}): add `verify_key:` naming the gateway's public key credential"),
            );
        }
    }
}
