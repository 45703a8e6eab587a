//! The reporting walk: every issue of a JSON text, read without building a tree. The code
//! generator (`build.rs` → `OUT_DIR/<provider>.rs`, module `report`) describes each object as a
//! [`Shape`] (declared keys, each field's label, presence, read-only text and [`Kind`] of value,
//! nested objects by reference, undeclared keys) and each operation as one call of
//! [`Report::input`]; the walk below is the only one (no per-object function is generated for
//! reporting: the one-pass validators are the generated code that walks objects).
//!
//! One reading checks the text as JSON and reads the input object's members: every value is
//! skipped with its grammar checked (`json::check_object`: the same refusals, at the same
//! offsets, as the tree reader; a text that is not JSON gets that one issue and nothing else).
//! Each object's walk ([`Report::input`], then per nested object) reads its members once, placing each key (decoded
//! when it holds an escape) by its declared name into a slot per declared field that holds the
//! offset of the field's value (a repeated key: the last value wins, as `JSON.parse` has it);
//! undeclared keys are kept, in first-position order, only when there are any. Then it checks
//! the slots in spec order, re-reading each value at its offset with the calls below, and
//! reports the undeclared keys. The operation's cross-field rules read a `View` of the few
//! values they name (the top-level ones at the input object's slots, not read again). Issues go
//! either into `Issue`s ([`report`], the Rust API) or straight into compact records
//! ([`report_into`], the wasm package: no `Issue` built). Issues, their order and the cap are
//! exactly those of the table interpreter this replaces (the differential test `tests/report.rs`
//! and the fuzz target `validate` hold it to that, records included).

use super::records::{Records, FOR_KEPT_TEXT};
use super::{char_count, clip, MAX_ISSUES};
use crate::json::{self, number_at, safe_integer, skip_at, string_at, ws_at};
use crate::rules::cross::{Findings, Found, Input};
use crate::rules::formats::Failure;
use crate::rules::suggest;
use crate::rules::{Arg, CivilDate, Code, Issue, Msg, PathSeg, Rule, Val, Word};
use crate::schema::{Operation, Reporter, Str};
use alloc::borrow::Cow;
use alloc::{borrow::ToOwned, vec, vec::Vec};

/// The label of values under keys an open object does not name.
const EXTRA_LABEL: &str = "This value";

/// The check of a value that one call makes (the generated code names it per field).
#[derive(Clone, Copy)]
pub enum Check {
    /// A string that meets the rule.
    Text(&'static Str),
    /// `true` or `false`.
    Boolean,
    /// Any number.
    Number,
    /// A safe integer within the bounds (behind a reference: two `Option<i64>` inline made
    /// every `Check`, `Item`, `Kind` and `FieldCheck` in the wasm's data 32 bytes larger).
    Integer(&'static (Option<i64>, Option<i64>)),
    /// Anything.
    Any,
}

/// A declared field as the generated code describes it: one constant (a `static` in the wasm)
/// per field, read by the reporting walk (`Report::object`).
pub struct FieldCheck {
    /// The field's key.
    pub name: &'static str,
    /// Its label in messages.
    pub label: &'static str,
    /// Whether it must be present.
    pub required: bool,
    /// What its value must be ([`Kind::ReadOnly`]: that it is not sent).
    pub kind: Kind,
}

/// What a declared field's value must be.
#[derive(Clone, Copy)]
pub enum Kind {
    /// A value checked by one call ([`Check::Any`]: anything but `null`).
    Plain(Check),
    /// An object of the given shape.
    Object(&'static Shape),
    /// An object whose every value is an [`Item`].
    Map(Item),
    /// A list of `min..=max` [`Item`]s (behind a reference: its bounds inline made every
    /// `Kind`, so every `FieldCheck` in the wasm's data, 12 bytes larger).
    List(&'static ListCheck),
    /// A read-only field: why it may not be sent (its text in the issue). A `Kind` rather than
    /// an `Option<&str>` of every `FieldCheck` (8 bytes each in the wasm's data, nearly all
    /// `None`); behind a reference, so that a `Kind` stays two words.
    ReadOnly(&'static &'static str),
}

/// A list's bounds and items.
pub struct ListCheck {
    /// The fewest items.
    pub min: u32,
    /// The most items.
    pub max: Option<u32>,
    /// Each item.
    pub item: Item,
}

/// An item of a list or a value of a map.
#[derive(Clone, Copy)]
pub enum Item {
    /// Not `null` (unless [`Check::Any`]), then the check.
    Plain(Check),
    /// Not `null`, an object of the given shape.
    Object(&'static Shape),
}

/// What an object's keys not declared may hold.
#[derive(Clone, Copy)]
pub enum Extra {
    /// Nothing: each is an issue, with the closest of the object's writable fields (its
    /// declared fields that are not read-only, in spec order) suggested. Read from
    /// [`Shape::fields`], not listed again: a list of the same names here cost the validators
    /// wasm's data a pointer and a length per field.
    Deny,
    /// A string each.
    Strings,
    /// Anything.
    Any,
}

/// An object type as the generated code describes it for the reporting walk: its declared
/// fields (in spec order) and its undeclared keys.
pub struct Shape {
    /// The declared fields (each with its key).
    pub fields: &'static [FieldCheck],
    /// The keys not declared.
    pub extra: Extra,
}

/// What an operation's cross-field rules read of its input object: the top-level `fields` any
/// of them names, the place of each among the input's declared fields (`at`), and per list the
/// item fields they read in it.
pub struct RuleInputs {
    /// The top-level fields the rules read.
    pub fields: &'static [&'static str],
    /// The place of each among the input's declared fields.
    pub at: &'static [u8],
    /// Per list the rules read: its field, and the item fields they read.
    pub lists: &'static [(&'static str, &'static [&'static str])],
}

/// Members of an object as read from the text: each key once (decoded), at its first position,
/// with the offset of its last value.
pub type Members<'a> = Vec<(Cow<'a, str>, usize)>;

/// A path step: a key from the spec (`Name`: static, so the records can name it by address), a
/// key from the text (decoded when it held an escape), or an index; it becomes a [`PathSeg`]
/// only when an issue is recorded.
enum Step<'a> {
    Name(&'static str),
    Key(Cow<'a, str>),
    Index(usize),
}

/// The reporting state: the text, today, the issues so far and the path being read.
pub struct Report<'a> {
    text: &'a str,
    /// Today's date, once known: read from `clock` only when a format or rule needs it.
    today: Option<CivilDate>,
    clock: fn() -> CivilDate,
    /// Whether the text's grammar is still to be checked: until the input object's members are
    /// read (the first [`Report::members`]), which checks it.
    unchecked: bool,
    /// Why the text is not JSON, once found (then no other issue is kept).
    unreadable: Option<json::Error>,
    /// [`MAX_ISSUES`], or 0 once the text is found not to be JSON (every check stops).
    cap: usize,
    /// The issues found so far, in either sink.
    count: usize,
    /// The issues found, as [`Issue`]s (the Rust API), when `records` is `None`.
    issues: Vec<Issue>,
    /// The issues found, written straight into compact records (the wasm package's path: no
    /// [`Issue`] is built, nothing allocated per issue once the buffers have grown).
    records: Option<Records>,
    /// How an issue goes into `issues` when there are no records: [`Report::push_issue`], named
    /// by [`report`] alone (the records' path names [`Report::no_issue`], never called). A
    /// function pointer rather than a call, so that a build that never calls [`report`] (the
    /// validators-only wasm) links none of the [`Issue`] building: 335 B gzip -9 of that wasm.
    to_issue: IssueSink<'a>,
    path: Vec<Step<'a>>,
    /// The value offsets of the declared fields of the objects being walked (each object's
    /// slots above its parent's; `None`: absent).
    slots: Vec<Option<usize>>,
    /// The offset after the object whose members [`Report::members`] read last (not set for
    /// the input object's).
    end: usize,
}

/// How the walk hands an issue (code, template, arguments, format) to its sink without records.
type IssueSink<'a> = fn(&mut Report<'a>, Code, Msg, &[Arg], Option<&'static str>);

/// Every issue of the JSON `text` for `op` (empty when valid), through the operation's
/// generated reporting validator.
pub fn report(op: &Operation, text: &str, today: CivilDate) -> Vec<Issue> {
    let mut r = Report::new(text, Some(today), crate::clock::today, None);
    r.to_issue = Report::push_issue;
    r.run(op.report);
    if let Some(e) = r.unreadable {
        return vec![super::unreadable("The input", &e)];
    }
    r.issues.truncate(MAX_ISSUES);
    r.issues
}

/// [`report`] written as compact records into `out` (its buffers reused): the records of
/// exactly the issues [`report`] gives, built without them.
pub fn report_into(op: &Operation, text: &str, today: CivilDate, out: &mut Records) {
    report_into_at(op, text, Some(today), crate::clock::today, out);
}

/// [`report_into`] with today's date `today` when known, else read from `clock` only if a
/// format or rule needs it (the wasm package's path: most refusals never cross for the date).
pub fn report_into_at(
    op: &Operation,
    text: &str,
    today: Option<CivilDate>,
    clock: fn() -> CivilDate,
    out: &mut Records,
) {
    report_into_with(op.report, text, today, clock, out);
}

/// [`report_into_at`] with the operation's generated reporter rather than the operation.
pub fn report_into_with(
    report: Reporter,
    text: &str,
    today: Option<CivilDate>,
    clock: fn() -> CivilDate,
    out: &mut Records,
) {
    let mut records = core::mem::replace(out, Records::new());
    records.begin();
    // Keys and values read from the text are named by their place in it (wasm memory only).
    records.reads(text);
    let mut r = Report::new(text, today, clock, Some(records));
    r.run(report);
    let mut records = r.records.take().unwrap_or_default();
    match r.unreadable {
        Some(e) => records.encode_into(&[super::unreadable("The input", &e)]),
        None => records.finish(r.count.min(MAX_ISSUES)),
    }
    *out = records;
}

impl<'a> Report<'a> {
    fn new(
        text: &'a str,
        today: Option<CivilDate>,
        clock: fn() -> CivilDate,
        records: Option<Records>,
    ) -> Report<'a> {
        Report {
            text,
            today,
            clock,
            unchecked: true,
            unreadable: None,
            cap: MAX_ISSUES,
            count: 0,
            issues: Vec::new(),
            records,
            to_issue: Report::no_issue,
            // Deep enough for every spec's nesting: no growth on the way.
            path: Vec::with_capacity(8),
            slots: Vec::new(),
            end: 0,
        }
    }

    /// The walk: the input object through the operation's generated function (which reads its
    /// members first, checking the text), or the issue of a text that is no object.
    fn run(&mut self, report: Reporter) {
        let at = ws_at(self.text.as_bytes(), 0);
        if self.byte(at) != b'{' {
            if let Err(e) = json::check(self.text) {
                self.unreadable = Some(e);
                return;
            }
            let word = self.word(at);
            self.push(Code::InvalidType, Msg::NotObject, &[Arg::Word(word)]);
            return;
        }
        (report.0)(self, at);
    }

    /// Today's date (from the clock on first use).
    fn today(&mut self) -> CivilDate {
        match self.today {
            Some(d) => d,
            None => {
                let d = (self.clock)();
                self.today = Some(d);
                d
            }
        }
    }

    /// Today's date when `needed`, else any date (the check at hand does not read it).
    fn today_if(&mut self, needed: bool) -> CivilDate {
        if needed {
            self.today()
        } else {
            self.today.unwrap_or(CivilDate::EPOCH)
        }
    }

    /// The offset after the value at `at` (in a text already checked).
    fn skip(&self, at: usize) -> usize {
        skip_at(self.text, at)
    }

    fn byte(&self, at: usize) -> u8 {
        self.text.as_bytes().get(at).copied().unwrap_or_default()
    }

    /// Whether the cap is reached (the walk stops adding issues there).
    #[inline]
    pub fn full(&self) -> bool {
        self.count >= self.cap
    }

    fn owned_path(&self) -> Vec<PathSeg> {
        self.path
            .iter()
            .map(|s| match s {
                Step::Name(k) => PathSeg::Key((*k).to_owned()),
                Step::Key(k) => PathSeg::Key(k.as_ref().to_owned()),
                Step::Index(i) => PathSeg::Index(*i),
            })
            .collect()
    }

    fn push(&mut self, code: Code, msg: Msg, args: &[Arg]) {
        self.push_format(code, msg, args, None);
    }

    /// An issue at the current path (unless the cap is reached), in the sink in use.
    fn push_format(&mut self, code: Code, msg: Msg, args: &[Arg], format: Option<&'static str>) {
        self.push_with(code, msg, false, args, format);
    }

    /// [`Report::push_format`]; with `key_arg`, the records' first argument is the last key of
    /// the path (the walk passes it so only with records: see [`Report::unknown`]).
    fn push_with(
        &mut self,
        code: Code,
        msg: Msg,
        key_arg: bool,
        args: &[Arg],
        format: Option<&'static str>,
    ) {
        if self.full() {
            return;
        }
        self.count += 1;
        match &mut self.records {
            Some(rec) => {
                rec.head(msg, code, format, self.path.len());
                let mut key = "";
                for step in &self.path {
                    match step {
                        Step::Name(k) => rec.name(k),
                        Step::Key(k) => {
                            rec.key(k);
                            key = k;
                        }
                        Step::Index(i) => rec.index(*i),
                    }
                }
                if key_arg {
                    rec.text_arg(key);
                }
                rec.tail(args, &[]);
            }
            None => (self.to_issue)(self, code, msg, args, format),
        }
    }

    /// An issue at the current path as an [`Issue`] (the Rust API's sink: [`report`]).
    fn push_issue(&mut self, code: Code, msg: Msg, args: &[Arg], format: Option<&'static str>) {
        let mut issue = Issue::of(self.owned_path(), code, msg, args.to_vec());
        issue.format = format;
        self.issues.push(issue);
    }

    /// The sink of a walk that writes records (never called: `records` is set).
    fn no_issue(&mut self, _: Code, _: Msg, _: &[Arg], _: Option<&'static str>) {}

    /// Steps into the member `key` of the object being read.
    #[inline]
    fn key(&mut self, key: &'static str) {
        self.path.push(Step::Name(key));
    }

    /// Steps into a member whose key comes from the text.
    #[inline]
    fn text_key(&mut self, key: Cow<'a, str>) {
        self.path.push(Step::Key(key));
    }

    /// Steps into item `i` of the list being read.
    #[inline]
    fn index(&mut self, i: usize) {
        self.path.push(Step::Index(i));
    }

    /// Steps back out.
    #[inline]
    fn up(&mut self) {
        self.path.pop();
    }

    /// The input object at `at` of the shape `shape`, then the operation's cross-field `rules`
    /// over the values of it that `inputs` names (the generated `report` functions call this).
    pub fn input(&mut self, at: usize, shape: &'static Shape, rules: &[Rule], inputs: &RuleInputs) {
        let base = self.slots.len();
        self.object_at(at, shape);
        if !rules.is_empty() {
            let slots = core::mem::take(&mut self.slots);
            let found = |i: usize| {
                let place = inputs
                    .at
                    .get(i)
                    .map_or(usize::MAX, |p| base + usize::from(*p));
                slots.get(place).copied().flatten()
            };
            self.rules(rules, inputs.fields, &found, inputs.lists);
            self.slots = slots;
        }
        self.slots.truncate(base);
    }

    /// Every issue of the object at `at` of the shape `shape`: its members read once into one
    /// slot per declared field, then each declared field in spec order, then the keys it does
    /// not declare. Its slots stay on `self.slots` (from the length before the call) until the
    /// caller truncates them. Gives the offset after the object (not for the input object).
    fn object_at(&mut self, at: usize, shape: &'static Shape) -> usize {
        let base = self.slots.len();
        self.slots.resize(base + shape.fields.len(), None);
        let mut slots = core::mem::take(&mut self.slots);
        let keep = !matches!(shape.extra, Extra::Any);
        let extra = self.members(
            at,
            slots.get_mut(base..).unwrap_or_default(),
            shape.fields,
            keep,
        );
        let end = self.end;
        self.slots = slots;
        for (i, f) in shape.fields.iter().enumerate() {
            let slot = self.slots.get(base + i).copied().flatten();
            self.declared(slot, f);
        }
        match shape.extra {
            Extra::Deny => self.unknown(extra, shape.fields),
            Extra::Strings => self.extra_strings(extra),
            Extra::Any => {}
        }
        end
    }

    /// An object of the shape `shape` at `at` (nested: its slots dropped after); the offset
    /// after it.
    fn nested(&mut self, at: usize, shape: &'static Shape) -> usize {
        let base = self.slots.len();
        let end = self.object_at(at, shape);
        self.slots.truncate(base);
        end
    }

    /// The declared field `f`, whose value is at `slot` (`None`: absent).
    fn declared(&mut self, slot: Option<usize>, f: &'static FieldCheck) {
        // An optional field that is absent has nothing to report: no step into it and out (most
        // fields of an update are optional and absent; in the full "z" wasm each step is a call
        // of `Vec::push`). Not in the validators entry's size build (`FOR_KEPT_TEXT` false):
        // +10 B gzip -9 of a form's wasm, whose speed does not count.
        if FOR_KEPT_TEXT && slot.is_none() && !f.required {
            return;
        }
        if let Kind::ReadOnly(&why) = f.kind {
            return self.read_only(slot, why, f.name);
        }
        if let Some(v) = self.field(slot, f) {
            match f.kind {
                Kind::Plain(ref check) => self.value(v, f.label, check),
                Kind::Object(shape) => {
                    if self.object(v, f.label) {
                        self.nested(v, shape);
                    }
                }
                Kind::Map(ref item) => {
                    if let Some(members) = self.map(v, f.label) {
                        for (key, mv) in members {
                            if self.full() {
                                break;
                            }
                            self.text_key(key);
                            self.item(mv, f.label, item);
                            self.up();
                        }
                    }
                }
                Kind::List(&ListCheck { min, max, ref item }) => {
                    if FOR_KEPT_TEXT {
                        self.list_once(v, f.label, min, max, item);
                    } else if let Some(items) = self.list(v, f.label, min, max) {
                        for (i, iv) in items.into_iter().enumerate() {
                            if self.full() {
                                break;
                            }
                            self.index(i);
                            self.item(iv, f.label, item);
                            self.up();
                        }
                    }
                }
                // (Returned above.)
                Kind::ReadOnly(_) => {}
            }
        }
        self.up();
    }

    /// An item of a list or a value of a map.
    fn item(&mut self, at: usize, label: &'static str, item: &Item) {
        match *item {
            Item::Plain(Check::Any) => {}
            Item::Plain(ref check) => self.item_value(at, label, check),
            Item::Object(shape) => {
                if self.not_null(at, label) && self.object(at, label) {
                    self.nested(at, shape);
                }
            }
        }
    }

    /// [`Report::list`] and the checks of its items in one reading of the items: the count
    /// issue first (the items counted by a first reading only when a bound needs more than
    /// whether the list is empty), then each item checked, the walk going on from the item's
    /// end (an object item's end found by its own walk), with no list of offsets built. The
    /// same issues in the same order; outside the size build (`FOR_KEPT_TEXT`), which keeps
    /// the two readings of [`Report::list`].
    fn list_once(
        &mut self,
        at: usize,
        label: &'static str,
        min: u32,
        max: Option<u32>,
        item: &Item,
    ) {
        if self.byte(at) != b'[' {
            return self.not_a(at, Msg::NotList, label);
        }
        let b = self.text.as_bytes();
        let mut pos = ws_at(b, at + 1);
        let empty = b.get(pos) == Some(&b']');
        let n = match (min > 1 || max.is_some(), empty) {
            (_, true) => 0,
            (true, false) => self.count_items(pos),
            (false, false) => 1,
        };
        if !self.counted(label, n, min, max) {
            return;
        }
        if empty {
            return;
        }
        let mut i = 0;
        loop {
            if self.full() {
                return;
            }
            self.index(i);
            let end = match *item {
                Item::Object(shape) if self.byte(pos) == b'{' => self.nested(pos, shape),
                _ => {
                    self.item(pos, label, item);
                    self.skip(pos)
                }
            };
            self.up();
            pos = ws_at(b, end);
            if b.get(pos) != Some(&b',') {
                return;
            }
            pos = ws_at(b, pos + 1);
            i += 1;
        }
    }

    /// The number of items of a list that is not empty, whose first item is at `pos`.
    fn count_items(&self, mut pos: usize) -> usize {
        let b = self.text.as_bytes();
        let mut n = 1;
        loop {
            pos = ws_at(b, self.skip(pos));
            if b.get(pos) != Some(&b',') {
                return n;
            }
            pos = ws_at(b, pos + 1);
            n += 1;
        }
    }

    /// What the value at `at` is, in a message's words.
    fn word(&self, at: usize) -> Word {
        match self.byte(at) {
            b'n' => Word::Null,
            b't' | b'f' => Word::Boolean,
            b'"' => Word::String,
            b'[' => Word::List,
            b'{' => Word::Object,
            _ => Word::Number,
        }
    }

    fn number(&self, at: usize) -> Option<f64> {
        match self.byte(at) {
            b'-' | b'0'..=b'9' => number_at(self.text.as_bytes(), &mut { at }).ok(),
            _ => None,
        }
    }

    /// The object at `at`: each member's value offset goes into `slots` at the place of its key
    /// among `fields`, the object's declared fields (the last value of a repeated key wins); when
    /// `extra`, the members not declared are returned ([`Members`]), else nothing is kept for
    /// them. The first call reads the input object and checks the whole text's grammar on the
    /// way: when it is not JSON, nothing is returned and no issue is kept from then on.
    fn members(
        &mut self,
        at: usize,
        slots: &mut [Option<usize>],
        fields: &[FieldCheck],
        extra: bool,
    ) -> Members<'a> {
        let mut rest: Members<'a> = Vec::new();
        let mut place = |key: Cow<'a, str>, value| match fields.iter().position(|f| f.name == key) {
            Some(i) => {
                if let Some(s) = slots.get_mut(i) {
                    *s = Some(value);
                }
            }
            None if extra => rest.push((key, value)),
            None => {}
        };
        if self.unchecked {
            // The input object: its members read with the whole text's grammar checked.
            self.unchecked = false;
            if let Err(e) = json::check_object(self.text, at, &mut place) {
                self.unreadable = Some(e);
                self.cap = 0;
                return Vec::new();
            }
        } else {
            let end = self.each_member(at, &mut place);
            // (Read by `Report::list_once` only: not kept in the size build.)
            if FOR_KEPT_TEXT {
                self.end = end;
            }
        }
        json::dedup_by(&mut rest, |v| *v);
        rest
    }

    /// Calls `f` with each member's key (decoded) and value offset, in text order (one copy of
    /// this loop for every object type: `f` is not generic); gives the offset after the
    /// object's closing brace (the text is checked: the member list ends at one).
    fn each_member(&self, at: usize, f: &mut dyn FnMut(Cow<'a, str>, usize)) -> usize {
        let (text, b) = (self.text, self.text.as_bytes());
        let mut pos = ws_at(b, at + 1);
        if b.get(pos) != Some(&b'"') {
            return pos + 1;
        }
        loop {
            let (key, end) = string_at(text, pos);
            // `:` after the key; the value after it.
            let value = ws_at(b, ws_at(b, end) + 1);
            f(key, value);
            pos = ws_at(b, self.skip(value));
            if b.get(pos) != Some(&b',') {
                return pos + 1;
            }
            pos = ws_at(b, pos + 1);
        }
    }

    /// The offsets of the items of the list at `at`.
    fn items_of(&self, at: usize) -> Vec<usize> {
        let b = self.text.as_bytes();
        let mut items = Vec::new();
        let mut pos = ws_at(b, at + 1);
        if b.get(pos) == Some(&b']') {
            return items;
        }
        loop {
            items.push(pos);
            pos = ws_at(b, self.skip(pos));
            if b.get(pos) != Some(&b',') {
                return items;
            }
            pos = ws_at(b, pos + 1);
        }
    }

    /// Steps into the declared field `f` whose value is at `slot` (`None`: absent) and gives
    /// the value's offset when it is there to be checked: not when it is missing (an issue when
    /// it is required), `null` (an issue), or the cap is reached. [`Report::up`] after.
    fn field(&mut self, slot: Option<usize>, f: &'static FieldCheck) -> Option<usize> {
        self.key(f.name);
        if self.full() {
            return None;
        }
        match slot {
            None if f.required => {
                self.push(Code::Required, Msg::Required, &[Arg::Str(f.label)]);
                None
            }
            None => None,
            Some(at) if self.byte(at) == b'n' => {
                self.push(
                    Code::NullNotAllowed,
                    Msg::NullNotAllowed,
                    &[Arg::Str(f.label)],
                );
                None
            }
            Some(at) => Some(at),
        }
    }

    /// The value at `at` (not `null`) meets `check`.
    fn value(&mut self, at: usize, label: &'static str, check: &Check) {
        match *check {
            Check::Text(rule) => self.string(at, rule, label),
            Check::Boolean => self.boolean(at, label),
            Check::Number => self.number_value(at, label),
            Check::Integer(&(min, max)) => self.integer(at, min, max, label),
            Check::Any => {}
        }
    }

    /// An item of a list or a value of a map: not `null` (unless anything goes), then `check`.
    fn item_value(&mut self, at: usize, label: &'static str, check: &Check) {
        if matches!(check, Check::Any) || self.not_null(at, label) {
            self.value(at, label, check);
        }
    }

    /// A read-only field: an issue when it is present.
    fn read_only(&mut self, slot: Option<usize>, why: &'static str, name: &'static str) {
        if slot.is_some() {
            self.key(name);
            self.push(
                Code::ReadOnly,
                Msg::ReadOnly,
                &[Arg::Str(why), Arg::Str(name)],
            );
            self.up();
        }
    }

    /// `false` (with its issue) when an item's or a map value's value is `null`.
    #[inline]
    fn not_null(&mut self, at: usize, label: &'static str) -> bool {
        if self.byte(at) == b'n' {
            self.push(Code::NullNotAllowed, Msg::NullValue, &[Arg::Str(label)]);
            return false;
        }
        true
    }

    fn not_a(&mut self, at: usize, msg: Msg, label: &'static str) {
        let word = self.word(at);
        self.push(Code::InvalidType, msg, &[Arg::Str(label), Arg::Word(word)]);
    }

    /// A string value that meets `rule`.
    fn string(&mut self, at: usize, rule: &Str, label: &'static str) {
        if self.byte(at) != b'"' {
            return self.not_a(at, Msg::NotText, label);
        }
        let (s, _) = string_at(self.text, at);
        let s = s.as_ref();
        if s.is_empty() {
            if rule.min_len > 0 {
                self.push(Code::Empty, Msg::Empty, &[Arg::Str(label)]);
            }
            return;
        }
        if let Some(max) = rule.max_len {
            // A string has at most as many characters as bytes: only long ones are counted.
            if s.len() > max as usize && char_count(s) > max as usize {
                self.push(
                    Code::TooLong,
                    Msg::TooLong,
                    &[Arg::Str(label), Arg::Int(i64::from(max))],
                );
                return;
            }
        }
        if !rule.enum_values.is_empty() && !rule.open_enum && !rule.enum_values.contains(&s) {
            let (label, values) = (Arg::Str(label), Arg::List(rule.enum_values));
            match rule.enum_values.iter().find(|v| v.eq_ignore_ascii_case(s)) {
                Some(close) => self.push(
                    Code::NotInEnum,
                    Msg::NotInEnumSuggest,
                    &[label, values, Arg::Str(close)],
                ),
                None => self.push(Code::NotInEnum, Msg::NotInEnum, &[label, values]),
            }
            return;
        }
        if let Some(format) = rule.format {
            let today = self.today_if(format.uses_today());
            match format.check(s, today) {
                Ok(()) => {}
                Err(Failure::InFuture) => {
                    self.push(Code::DateInFuture, Msg::InFuture, &[Arg::Str(label)]);
                }
                Err(Failure::Invalid) => {
                    if !self.full() {
                        let (msg, args) = format.invalid(label, s);
                        self.push_format(Code::InvalidFormat, msg, &args, Some(format.name()));
                    }
                }
            }
        }
    }

    /// `true` or `false`.
    fn boolean(&mut self, at: usize, label: &'static str) {
        if !matches!(self.byte(at), b't' | b'f') {
            self.not_a(at, Msg::NotBoolean, label);
        }
    }

    /// A number.
    fn number_value(&mut self, at: usize, label: &'static str) {
        if self.number(at).is_none() {
            self.not_a(at, Msg::NotNumber, label);
        }
    }

    /// A whole number in the safe integer range, within `min..=max`.
    fn integer(&mut self, at: usize, min: Option<i64>, max: Option<i64>, label: &'static str) {
        let f = self.number(at);
        let Some(n) = f.and_then(safe_integer) else {
            let word = match f {
                Some(f) if !json::is_whole(f) => Word::Fraction,
                Some(_) => Word::UnsafeInteger,
                None => self.word(at),
            };
            return self.push(
                Code::InvalidType,
                Msg::NotInteger,
                &[Arg::Str(label), Arg::Word(word)],
            );
        };
        let low = min.is_some_and(|m| n < m);
        let high = max.is_some_and(|m| n > m);
        if low || high {
            let (label, n) = (Arg::Str(label), Arg::Int(n));
            let code = Code::OutOfRange;
            match (min, max) {
                (Some(a), Some(b)) => {
                    self.push(code, Msg::OutOfRange, &[label, Arg::Int(a), Arg::Int(b), n])
                }
                (Some(a), None) => self.push(code, Msg::BelowMin, &[label, Arg::Int(a), n]),
                (None, Some(b)) => self.push(code, Msg::AboveMax, &[label, Arg::Int(b), n]),
                // `low || high` needs a bound.
                (None, None) => {}
            }
        }
    }

    /// `true` when the value at `at` is an object, else its issue.
    fn object(&mut self, at: usize, label: &'static str) -> bool {
        if self.byte(at) == b'{' {
            return true;
        }
        self.not_a(at, Msg::NotObjectField, label);
        false
    }

    /// The members of the map at `at`, or its issue when it is not an object.
    fn map(&mut self, at: usize, label: &'static str) -> Option<Members<'a>> {
        if !self.object(at, label) {
            return None;
        }
        Some(self.members(at, &mut [], &[], true))
    }

    /// The item offsets of the list at `at` whose items are to be checked; the issue when it is
    /// not a list, has too few items (its items are still checked) or too many (they are not).
    fn list(
        &mut self,
        at: usize,
        label: &'static str,
        min_items: u32,
        max_items: Option<u32>,
    ) -> Option<Vec<usize>> {
        if self.byte(at) != b'[' {
            self.not_a(at, Msg::NotList, label);
            return None;
        }
        let items = self.items_of(at);
        self.counted(label, items.len(), min_items, max_items)
            .then_some(items)
    }

    /// The count issue of a list of `n` items, if any: too few (its items are still checked)
    /// or too many (`false`: they are not); for [`Report::list`] and [`Report::list_once`].
    fn counted(
        &mut self,
        label: &'static str,
        n: usize,
        min_items: u32,
        max_items: Option<u32>,
    ) -> bool {
        if n < min_items as usize {
            if min_items == 1 {
                self.push(Code::TooFewItems, Msg::TooFewOne, &[Arg::Str(label)]);
            } else {
                self.push(
                    Code::TooFewItems,
                    Msg::TooFew,
                    &[Arg::Str(label), Arg::Int(i64::from(min_items))],
                );
            }
        } else if let Some(m) = max_items.filter(|m| n > *m as usize) {
            self.push(
                Code::TooManyItems,
                Msg::TooMany,
                &[Arg::Str(label), Arg::Int(i64::from(m)), Arg::count(n)],
            );
            return false;
        }
        true
    }

    /// The keys a closed object does not declare, each with the closest of its writable fields
    /// (those of `fields` that are not read-only) when one is close.
    fn unknown(&mut self, extra: Members<'a>, fields: &'static [FieldCheck]) {
        for (key, _) in extra {
            if self.full() {
                return;
            }
            let known = fields
                .iter()
                .filter(|f| !matches!(f.kind, Kind::ReadOnly(_)))
                .map(|f| f.name);
            let close = suggest::closest(&key, known);
            let (msg, suggested) = match close {
                Some(s) => (Msg::UnknownFieldSuggest, Some(Arg::Str(s))),
                None => (Msg::UnknownField, None),
            };
            // With records, the key is its argument as the path step names it (a piece of the
            // input, not a copy, when it is one: `Records::reads`), unless it is clipped.
            let clipped = match self.records {
                Some(_) if FOR_KEPT_TEXT && (key.len() <= 64 || char_count(&key) <= 64) => None,
                _ => Some(Arg::Owned(clip(&key))),
            };
            self.text_key(key);
            let code = Code::UnknownField;
            match (clipped, suggested) {
                (None, s) => self.push_with(code, msg, true, s.as_slice(), None),
                (Some(c), Some(s)) => self.push(code, msg, &[c, s]),
                (Some(c), None) => self.push(code, msg, &[c]),
            }
            self.up();
        }
    }

    /// The undeclared keys of an object open to string values: each a string (possibly empty).
    fn extra_strings(&mut self, extra: Members<'a>) {
        const ANY_TEXT: Str = Str {
            min_len: 0,
            max_len: None,
            format: None,
            enum_values: &[],
            open_enum: false,
        };
        for (key, at) in extra {
            if self.full() {
                return;
            }
            if self.byte(at) == b'n' {
                let args = [Arg::Owned(clip(&key))];
                self.text_key(key);
                self.push(Code::NullNotAllowed, Msg::NullKey, &args);
            } else {
                self.text_key(key);
                self.string(at, &ANY_TEXT, EXTRA_LABEL);
            }
            self.up();
        }
    }

    /// The operation's cross-field `rules` over the input object (after its walk, unless the cap
    /// is reached): they read the top-level `fields` any of them names, whose values the walk
    /// found at `slots` (one per field, `None`: absent), and, per list of `lists`, the item
    /// fields they name in it (all written out by the code generator).
    fn rules(
        &mut self,
        rules: &[Rule],
        fields: &[&'static str],
        found: &dyn Fn(usize) -> Option<usize>,
        lists: &[(&'static str, &[&'static str])],
    ) {
        if self.full() {
            return;
        }
        let view = self.view_of(fields, found, lists);
        if FOR_KEPT_TEXT {
            return self.find(rules, &view);
        }
        // The size build (`FOR_KEPT_TEXT` false): each rule's `Issue`s, then their records as
        // `Records::issue` writes them (one copy of the encoder there). With records, `issues`
        // holds a rule's issues until they are written.
        let written = self.issues.len();
        for rule in rules {
            if self.full() {
                break;
            }
            let today = self.today_if(rule.uses_today());
            rule.check(&view, today, &mut self.issues);
            match &mut self.records {
                Some(rec) => {
                    // Read in place, then truncated: `drain` would keep its range checks' panic
                    // paths and messages in the wasm (409 B gzip of the validators wasm).
                    for issue in self.issues.get(written..).unwrap_or_default() {
                        if self.count < MAX_ISSUES {
                            rec.issue(issue);
                            self.count += 1;
                        }
                    }
                    self.issues.truncate(written);
                }
                None => self.count = self.issues.len(),
            }
        }
    }

    /// [`Report::rules`] outside the size build: each rule's issues written as records from
    /// their parts as it finds them (no `Issue` built: the spec's names by address, the values
    /// the rule read from the text as pieces of it), or, without records, as `Issue`s.
    fn find(&mut self, rules: &[Rule], view: &View<'a>) {
        for rule in rules {
            if self.full() {
                break;
            }
            let today = self.today_if(rule.uses_today());
            match &mut self.records {
                Some(rec) => rule.find(
                    view,
                    today,
                    &mut RuleRecords {
                        rec,
                        count: &mut self.count,
                    },
                ),
                None => {
                    rule.find(view, today, &mut self.issues);
                    self.count = self.issues.len();
                }
            }
        }
    }

    /// The values rules read from the object at `at`: its members `fields` (the last value of a
    /// repeated key), read in one pass over its members; and the offset after the object.
    fn view(&self, at: usize, fields: &[&'static str]) -> (View<'a>, usize) {
        let mut vals: Vec<(&'static str, Cap<'a>)> = Vec::with_capacity(fields.len());
        let end = self.each_member(at, &mut |key, value| {
            let Some(name) = fields.iter().find(|f| **f == key) else {
                return;
            };
            let cap = self.cap(value);
            match vals.iter_mut().find(|(k, _)| k == name) {
                Some((_, v)) => *v = cap,
                None => vals.push((name, cap)),
            }
        });
        let view = View {
            vals,
            lists: Vec::new(),
        };
        (view, end)
    }

    /// The view of `fields`, whose values are at `found` (`None`: absent), and per list of
    /// `lists` (one of `fields`) the given members of each object item.
    fn view_of(
        &self,
        fields: &[&'static str],
        found: &dyn Fn(usize) -> Option<usize>,
        lists: &[(&'static str, &[&'static str])],
    ) -> View<'a> {
        let mut view = View {
            vals: Vec::with_capacity(fields.len()),
            lists: Vec::new(),
        };
        for (i, name) in fields.iter().enumerate() {
            let Some(at) = found(i) else { continue };
            if view.vals.iter().any(|(k, _)| k == name) {
                continue;
            }
            view.vals.push((*name, self.cap(at)));
            let items = lists.iter().find(|(list, _)| list == name);
            if let (Some((_, items)), b'[') = (items, self.byte(at)) {
                // Each item's view, read in one walk of the list (no list of offsets first).
                let b = self.text.as_bytes();
                let mut list = Vec::with_capacity(4);
                let mut pos = ws_at(b, at + 1);
                if b.get(pos) != Some(&b']') {
                    loop {
                        // An object item's end comes with its view (not found by a second read).
                        let end = if self.byte(pos) == b'{' {
                            let (view, end) = self.view(pos, items);
                            list.push(Some(view));
                            end
                        } else {
                            list.push(None);
                            self.skip(pos)
                        };
                        pos = ws_at(b, end);
                        if b.get(pos) != Some(&b',') {
                            break;
                        }
                        pos = ws_at(b, pos + 1);
                    }
                }
                view.lists.push((*name, list));
            }
        }
        view
    }

    fn cap(&self, at: usize) -> Cap<'a> {
        match self.byte(at) {
            b'"' => Cap::Str(string_at(self.text, at).0),
            b't' => Cap::Bool(true),
            b'f' => Cap::Bool(false),
            _ => match self.number(at) {
                Some(n) => Cap::Num(n),
                None => Cap::Other,
            },
        }
    }
}

/// The records sink of the rules: each issue written (up to the cap) as it is found.
struct RuleRecords<'r> {
    rec: &'r mut Records,
    count: &'r mut usize,
}

impl Findings for RuleRecords<'_> {
    fn found(&mut self, found: &Found<'_>) {
        if *self.count < MAX_ISSUES {
            self.rec.found(found);
            *self.count += 1;
        }
    }
}

/// A value a rule reads, taken from the text (a string decoded when it holds an escape).
enum Cap<'a> {
    Str(Cow<'a, str>),
    Num(f64),
    Bool(bool),
    Other,
}

/// The values of an object that a rule reads ([`Input`] for [`crate::rules::Rule::check`]).
#[derive(Default)]
struct View<'a> {
    vals: Vec<(&'static str, Cap<'a>)>,
    lists: Vec<(&'static str, Vec<Option<View<'a>>>)>,
}

impl Input for View<'_> {
    fn val(&self, key: &str) -> Val<'_> {
        match self.vals.iter().find(|(k, _)| *k == key) {
            None => Val::Absent,
            Some((_, Cap::Str(s))) => Val::Str(s),
            Some((_, Cap::Num(n))) => Val::Num(*n),
            Some((_, Cap::Bool(b))) => Val::Bool(*b),
            Some((_, Cap::Other)) => Val::Other,
        }
    }

    fn items(&self, key: &str) -> Option<impl Iterator<Item = Option<&Self>>> {
        self.lists
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, items)| items.iter().map(Option::as_ref))
    }
}
