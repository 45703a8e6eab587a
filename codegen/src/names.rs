//! How spec names become Rust and TypeScript names.

pub fn pascal(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.push(c.to_ascii_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        } else {
            up = true;
        }
    }
    out
}

pub fn snake(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    out
}

pub fn rust_field(s: &str) -> String {
    let n = snake(s);
    match n.as_str() {
        "type" | "ref" | "match" | "fn" | "struct" | "enum" | "mod" | "use" | "in" | "loop" => {
            format!("r#{n}")
        }
        _ => n,
    }
}

pub fn shout(s: &str) -> String {
    snake(s).to_ascii_uppercase()
}

pub fn type_static(t: &str) -> String {
    format!("TYPE_{}", shout(t))
}

pub fn ts_key(k: &str) -> String {
    let ident = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        k.to_owned()
    } else {
        format!("{k:?}")
    }
}

pub fn humanise(name: &str) -> String {
    let s = snake(name).replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}
