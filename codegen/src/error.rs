//! The one error type of the generator: a mistake in a spec, said so that it can be fixed
//! without reading the generator.

use std::fmt;

/// A spec mistake: the file, where in it (operation or type, then field, rule, …), what is
/// wrong, and what to do about it. Displays as
/// `src/spec/m2p.toml: type Nominee, field dob: unknown format "datee"; known: email, e164, …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file as given to the generator (`src/spec/m2p.toml`); empty until known.
    pub file: String,
    /// Where in the file, outermost first: `operation m2p.updateCustomer`, `field dob`.
    pub at: Vec<String>,
    /// What is wrong.
    pub problem: String,
    /// What to write instead (empty only for the generator's own faults).
    pub fix: String,
}

impl SpecError {
    /// A mistake with its fix; the place is added by the callers as the error travels out.
    pub fn new(problem: impl Into<String>, fix: impl Into<String>) -> SpecError {
        SpecError {
            file: String::new(),
            at: Vec::new(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }

    /// A fault of the generator itself (generated code that does not parse, …), not the spec's.
    pub fn internal(problem: impl Into<String>) -> SpecError {
        SpecError::new(
            format!("internal: {}", problem.into()),
            "this is a bug in the code generator (codegen/), not in the spec",
        )
    }

    /// Adds an enclosing place (`type Nominee`) in front of the places known so far.
    #[must_use]
    pub fn at(mut self, place: impl Into<String>) -> SpecError {
        self.at.insert(0, place.into());
        self
    }

    /// Names the file, unless a file is named already.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<String>) -> SpecError {
        if self.file.is_empty() {
            self.file = file.into();
        }
        self
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        if !self.at.is_empty() {
            write!(f, "{}: ", self.at.join(", "))?;
        }
        f.write_str(&self.problem)?;
        if !self.fix.is_empty() {
            write!(f, "; {}", self.fix)?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

/// The generator's result type.
pub type Res<T> = Result<T, SpecError>;
