//! Reading the JSON files commands take (credentials, input, headers).

use std::io::Read;
use std::path::Path;

use indexmap::IndexMap;
use payout_spec::{Json, JsonMap};

/// Reads a JSON object from a file, or from stdin for `-`. Numbers keep their exact text.
pub fn object(path: &Path, what: &str) -> Result<JsonMap, String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read the {what} from stdin: {e}"))?;
        s
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the {what} file {}: {e}", path.display()))?
    };
    match Json::parse(&text) {
        Ok(Json::Object(m)) => Ok(m),
        Ok(other) => Err(format!(
            "the {what} ({}) must be a JSON object, not {}",
            path.display(),
            other.kind()
        )),
        Err(e) => Err(format!("the {what} ({}) is not JSON: {e}", path.display())),
    }
}

/// A JSON object whose values are all strings (credentials, headers).
pub fn strings(path: &Path, what: &str) -> Result<IndexMap<String, String>, String> {
    let mut out = IndexMap::new();
    for (k, v) in object(path, what)? {
        match v {
            Json::String(s) => {
                out.insert(k, s);
            }
            // Ids are often written as numbers; their text is what is meant.
            Json::Number(n) => {
                out.insert(k, n);
            }
            other => {
                return Err(format!(
                    "{what} `{k}` must be a string, not {}",
                    other.kind()
                ))
            }
        }
    }
    Ok(out)
}
