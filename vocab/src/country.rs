//! ISO 3166-1 alpha-2: the 249 officially assigned codes, compiled in from
//! `src/spec/iso3166-1-alpha2.txt` (one upper-case code per line, sorted; the code generator
//! checks that, against [`COUNT`]). `vocab/src/iso3166-1-alpha2.txt` is a symlink to it, so the
//! crate packaged on its own (`cargo package`) carries the file.

/// The data file: `AD\nAE\n…`, three bytes a code.
pub const LIST: &str = include_str!("iso3166-1-alpha2.txt");

/// How many codes the list must hold.
pub const COUNT: usize = 249;

/// Whether `code` is an officially assigned alpha-2 code, exactly (upper case, two letters).
pub fn is_assigned(code: &str) -> bool {
    let code = code.as_bytes();
    if code.len() != 2 {
        return false;
    }
    let list = LIST.as_bytes();
    let (mut lo, mut hi) = (0usize, list.len() / 3);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let Some(entry) = list.get(mid * 3..mid * 3 + 2) else {
            return false;
        };
        match entry.cmp(code) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    false
}

/// Checks the data file's shape; the code generator fails the build with this message when it
/// is wrong.
pub fn check_list() -> Result<(), String> {
    check_text(LIST)
}

/// Checks a list in the data file's shape: [`COUNT`] upper-case codes, one a line, sorted.
pub fn check_text(list: &str) -> Result<(), String> {
    let codes: Vec<&str> = list.lines().collect();
    if codes.len() != COUNT || list.len() != COUNT * 3 {
        return Err(format!(
            "expected {COUNT} codes of two letters, one a line; found {}",
            codes.len()
        ));
    }
    for pair in codes.windows(2) {
        if let [a, b] = pair {
            if a >= b {
                return Err(format!("codes not sorted or repeated at {a} / {b}"));
            }
        }
    }
    if let Some(bad) = codes
        .iter()
        .find(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(format!("not an upper-case alpha-2 code: {bad:?}"));
    }
    Ok(())
}
