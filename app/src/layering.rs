//! Modules depend one way: pages on components on the model, never back. This test reads
//! the crate's own source, draws which module names which (`crate::…`, `super::…` and a
//! module's own children), and fails on any cycle, naming it. Tests are left out: a test
//! module reaching into its parent is what tests do.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every module of `src/` (as `a::b`) with its source, test modules cut off.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into()).collect();
            if path.extension().is_none_or(|e| e != "rs")
                || matches!(
                    parts.last().map(String::as_str),
                    Some("tests" | "proptests")
                )
            {
                continue;
            }
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            out.insert(parts.join("::"), code.to_string());
        }
    }
    out
}

/// The modules each module names, resolved to the longest known module path.
fn graph(modules: &BTreeMap<String, String>) -> Graph {
    let known: BTreeSet<&str> = modules.keys().map(String::as_str).collect();
    let resolve = |path: Vec<&str>| -> Option<String> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].join("::"))
            .find(|p| known.contains(p.as_str()))
    };
    let mut graph = Graph::new();
    for (name, code) in modules {
        let own: Vec<&str> = name.split("::").filter(|s| !s.is_empty()).collect();
        let edges = graph.entry(name.clone()).or_default();
        let tokens = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'));
        for token in tokens {
            let segs: Vec<&str> = token.split("::").filter(|s| !s.is_empty()).collect();
            let path = match segs.first() {
                Some(&"crate") => segs[1..].to_vec(),
                Some(&"super") if !own.is_empty() => {
                    let ups = segs.iter().take_while(|s| **s == "super").count();
                    let base = own.len().saturating_sub(ups);
                    own[..base].iter().chain(&segs[ups..]).copied().collect()
                }
                Some(first) if segs.len() > 1 => own
                    .iter()
                    .chain([first])
                    .chain(&segs[1..])
                    .copied()
                    .collect(),
                _ => continue,
            };
            if let Some(target) = resolve(path) {
                // A module and its own ancestors are one place (`use super::x` in a child
                // names a sibling, resolved above; naming the parent itself is not a layer).
                if &target != name && !name.starts_with(&format!("{target}::")) {
                    edges.insert(target);
                }
            }
        }
    }
    graph
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        graph: &'a Graph,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| *n == node) {
            return Some(
                path[i..]
                    .iter()
                    .chain([&node])
                    .map(|s| s.to_string())
                    .collect(),
            );
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn app_modules_depend_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&modules(&src));
    assert!(graph.contains_key("pages::library") && graph.contains_key("model"));
    assert!(
        graph["pages::library"].contains("model"),
        "the graph misses plain uses"
    );
    if let Some(cycle) = cycle(&graph) {
        panic!("modules name each other in a cycle: {}", cycle.join(" -> "));
    }
}

/// The modules of `graph` under `from` that name a module under one of `to`.
fn crossings(graph: &Graph, from: impl Fn(&str) -> bool, to: &[&str]) -> Vec<String> {
    let under = |m: &str, top: &str| m == top || m.starts_with(&format!("{top}::"));
    graph
        .iter()
        .filter(|(m, _)| from(m))
        .flat_map(|(m, targets)| {
            targets
                .iter()
                .filter(|t| to.iter().any(|top| under(t, top)))
                .map(move |t| format!("{m} -> {t}"))
        })
        .collect()
}

#[test]
fn lower_layers_never_name_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&modules(&src));
    let top = |m: &str| m.split("::").next().unwrap_or("").to_string();
    // Only the router names pages.
    let outside_pages = |m: &str| !["pages", "app"].contains(&top(m).as_str());
    assert_eq!(
        crossings(&graph, outside_pages, &["pages"]),
        Vec::<String>::new()
    );
    // The content pipeline runs on the server at start-up: no views, no browser state.
    let pipeline = |m: &str| top(m) == "content";
    let views_and_state = ["pages", "components", "reader", "offline", "app"];
    assert_eq!(
        crossings(&graph, pipeline, &views_and_state),
        Vec::<String>::new()
    );
    // The data layer and the model know nothing of views.
    let data = |m: &str| ["api", "model", "filters", "search"].contains(&top(m).as_str());
    assert_eq!(
        crossings(&graph, data, &["pages", "components", "app"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_cycle_is_found() {
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    g.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&g), None);
}
