//! The allocator of the validators entry's size build (`cu_size_build`, build.rs: the "z" wasm
//! that browsers and forms load) and of the full wasm (`requests`: the browsers' default entry,
//! the client), in place of talc: blocks of power-of-two sizes, each freed
//! block kept on its size's list and handed out again, new blocks cut from the top of the memory
//! taken so far, which grows by whole 64 KiB pages. No splitting, merging or searching of small
//! blocks: the code is a fraction of talc's (talc was ≈ 0.6 KB gzip -9 of that wasm;
//! bench/targets.md, "Session 12: validators wasm size"; in the full wasm talc and its
//! small-block cache were 0.64 KB gzip -9, "Session 17: std and generic weight", and this
//! allocator with its large blocks 0.48 KB less than them, "Session 18: the full wasm's
//! allocator"). The speed build keeps talc (with the small-block cache of `small_alloc.rs`).
//!
//! Memory: a block is its layout's size (or alignment, if larger) rounded up to a power of two,
//! at least [`SMALLEST`] bytes, aligned to its size up to a page; a freed block stays on its
//! list (it is never merged with its neighbours or given back), so what is held is at most the
//! most ever live at once per size, plus the alignment gaps left behind when a larger block was
//! cut after a smaller one. A validation allocates and frees the same buffers call after call,
//! so the memory stops growing after the first calls (tests/node: a million validations leave
//! it at its size). In the full wasm ([`PAGED`]) a block of more than a page is whole pages
//! instead, on one list of freed large blocks taken first fit (split), merged with its listed
//! neighbours when freed and given back to the top when it ends there; the large block at the
//! top grows and shrinks in place. A 10 MB input is then 160 pages, not 256, and a buffer that
//! doubles at the top takes its final size, not the sum of its steps
//! (tests/node/hostile.test.mjs bounds the memory a kind of hostile input leaves).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr;

/// The smallest block (size class 0); class `c` is `SMALLEST << c` bytes.
const SMALLEST: usize = 16;
/// Whether blocks of more than a page (class above [`BIG`]) are whole pages instead of a power
/// of two, listed on one list taken first fit (split), merged with their listed neighbours when
/// freed and given back to `top` when they end there, and a large block at `top` regrown or
/// shrunk in place: the full wasm (`requests`), which reads inputs of megabytes
/// (tests/node/hostile.test.mjs, "10 MB strings": 65.2 MiB of memory on power-of-two blocks, over
/// the test's 64 MiB bound). The size build goes without (its wasm keeps its size).
const PAGED: bool = cfg!(any(test, feature = "requests"));
/// The class of a page: with `PAGED`, larger blocks are whole pages.
const BIG: usize = 12;
/// One page of wasm memory, the unit the memory grows by.
pub const PAGE: usize = 65_536;
/// How many size classes: `SMALLEST` up to the largest power of two a `usize` holds.
const CLASSES: usize = usize::BITS as usize - SMALLEST.trailing_zeros() as usize;

/// Where new memory comes from.
pub trait Pages {
    /// `n` more pages: the address of the first byte (page aligned), or `None` when there is no
    /// more memory.
    fn grow(&self, n: usize) -> Option<usize>;
}

/// The wasm module's own memory, grown with `memory.grow`.
#[cfg(target_arch = "wasm32")]
pub struct WasmPages;

#[cfg(target_arch = "wasm32")]
impl Pages for WasmPages {
    fn grow(&self, n: usize) -> Option<usize> {
        let old = core::arch::wasm32::memory_grow(0, n);
        (old != usize::MAX).then_some(old * PAGE)
    }
}

/// Power-of-two blocks over `P`'s pages (see the module).
pub struct PowerBlocks<P> {
    pages: P,
    /// Per size class, the first freed block (0: none); each freed block holds the next one's
    /// address in its first word.
    heads: [Cell<usize>; CLASSES],
    /// With `PAGED`, the first freed large block (0: none); each holds the next one's address in
    /// its first word and its length in bytes (whole pages) in its second.
    big: Cell<usize>,
    /// The first byte not yet cut into blocks, and the end of the memory taken from `pages`.
    top: Cell<usize>,
    end: Cell<usize>,
}

impl<P> PowerBlocks<P> {
    /// No memory taken yet, no block freed.
    pub const fn new(pages: P) -> PowerBlocks<P> {
        PowerBlocks {
            pages,
            heads: [const { Cell::new(0) }; CLASSES],
            big: Cell::new(0),
            top: Cell::new(0),
            end: Cell::new(0),
        }
    }
}

/// The size class of `layout`: its size or alignment, whichever is larger, rounded up to a
/// power of two of at least `SMALLEST` bytes.
#[inline(always)]
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(SMALLEST);
    // ⌈log2 size⌉ − log2 SMALLEST (size ≥ 2, so `size - 1` does not wrap).
    (usize::BITS - (size - 1).leading_zeros() - SMALLEST.trailing_zeros()) as usize
}

impl<P: Pages> PowerBlocks<P> {
    /// A new block of class `c` cut from the top (more pages taken when it does not fit), or
    /// null when the memory cannot grow.
    fn cut(&self, c: usize) -> *mut u8 {
        match SMALLEST
            .checked_shl(c as u32)
            .filter(|s| *s <= isize::MAX as usize)
        {
            Some(size) => self.cut_bytes(size, size.min(PAGE)),
            None => ptr::null_mut(),
        }
    }

    /// `size` bytes cut from the top at the next multiple of `align` (a power of two, at most a
    /// page), more pages taken when they do not fit (with `PAGED`, only those missing above the
    /// memory taken so far: a large block at `top` regrown from its start takes just its
    /// growth), or null when the memory cannot grow.
    fn cut_bytes(&self, size: usize, align: usize) -> *mut u8 {
        let mut whole = !PAGED;
        loop {
            let Some(at) = self.top.get().checked_add(align - 1) else {
                return ptr::null_mut();
            };
            let at = at & !(align - 1);
            let Some(e) = at.checked_add(size) else {
                return ptr::null_mut();
            };
            let end = self.end.get();
            if e <= end {
                self.top.set(e);
                return at as *mut u8;
            }
            let n = if whole { size } else { e - end }.div_ceil(PAGE);
            let Some(new) = self.pages.grow(n) else {
                return ptr::null_mut();
            };
            // Not right after the pages taken before (memory grown by someone else): start
            // cutting at the new pages (what was left above `top` is not used), and take pages
            // for the whole block if these are too few. Right after: the block now fits. So
            // this loops at most three times.
            if new != end {
                self.top.set(new);
                whole = true;
            }
            self.end.set(new.saturating_add(n * PAGE));
        }
    }

    /// A large block of `n` bytes (whole pages): the first listed one at least as long (its
    /// tail, when longer: the rest stays listed), else cut from the top at a page.
    ///
    /// # Safety
    /// `PAGED`, and `n` a non-zero multiple of `PAGE` of at most `isize::MAX` bytes.
    unsafe fn big_alloc(&self, n: usize) -> *mut u8 {
        let mut prev = self.big.as_ptr();
        loop {
            // SAFETY: `prev` is `big` or a listed large block's first word (see the impl's
            // SAFETY note): it holds the next listed block's address, 0 at the end.
            let b = unsafe { prev.read() };
            if b == 0 {
                return self.cut_bytes(n, PAGE);
            }
            let at = b as *mut usize;
            // SAFETY: `b` is a listed large block: its second word is its length.
            let len = unsafe { at.add(1).read() };
            if len > n {
                // SAFETY: as above; the front stays listed, shorter by the tail handed out.
                unsafe { at.add(1).write(len - n) };
                return (b + len - n) as *mut u8;
            }
            if len == n {
                // SAFETY: as above: unlinked, the next block is `prev`'s.
                unsafe { prev.write(at.read()) };
                return at as *mut u8;
            }
            prev = at;
        }
    }

    /// Frees the large block of `n` bytes at `p`: merged with its listed neighbours, then given
    /// back to `top` if it ends there, else listed.
    ///
    /// # Safety
    /// `PAGED`; `p` is `n` bytes (whole pages, page aligned) of memory cut before, below `top`,
    /// that nobody uses any more and no list holds.
    unsafe fn big_free(&self, mut p: usize, mut n: usize) {
        let mut prev = self.big.as_ptr();
        loop {
            // SAFETY: as in `big_alloc`.
            let b = unsafe { prev.read() };
            if b == 0 {
                break;
            }
            let at = b as *mut usize;
            // SAFETY: a listed large block: its next and its length.
            let (next, len) = unsafe { (at.read(), at.add(1).read()) };
            if b + len == p || p + n == b {
                // SAFETY: as above: unlinked, then part of the freed block.
                unsafe { prev.write(next) };
                p = p.min(b);
                n += len;
            } else {
                prev = at;
            }
        }
        if p + n == self.top.get() {
            self.top.set(p);
        } else {
            let at = p as *mut usize;
            // SAFETY: a block of at least a page nobody uses: its first two words are ours.
            unsafe {
                at.write(self.big.get());
                at.add(1).write(n);
            }
            self.big.set(p);
        }
    }
}

/// The bytes of a large block of `size` bytes: whole pages (`size` ≤ `isize::MAX`: no overflow).
#[inline(always)]
fn span(size: usize) -> usize {
    (size + (PAGE - 1)) & !(PAGE - 1)
}

// SAFETY: every small block handed out (class up to `BIG`, or any class without `PAGED`) is
// `SMALLEST << class(layout)` bytes (at least the layout's size) at an address aligned to that
// size or to a page, whichever is smaller (at least the layout's alignment: `class` counts the
// alignment, and alignments above a page are refused with null). With `PAGED` a large block
// (class above `BIG`: more than a page) is `span(size)` bytes, whole pages at a page boundary;
// `dealloc` and `realloc` get the layout it was handed out for (GlobalAlloc's contract), so
// `span` gives the same pages back. Blocks are cut from memory `pages` handed over, between
// `top` and `end`: `end` only moves up, and `top` moves down only past large blocks nobody uses
// (a large block freed or listed-and-merged that ends at `top`, or the large block at `top`
// its owner hands to `realloc`, which is cut again from the same start), so nothing live or
// listed is above `top` and no two live blocks overlap. A block is on a list only after the
// caller freed it (nobody else uses it) and leaves the list before it is handed out again,
// once (a large one whole or its tail, the front staying listed and shorter); while on a list
// its first word (a block is at least 16 bytes, aligned to 16) holds the next block's address,
// and a large block's second word its length (it is at least a page). Listed large blocks are
// disjoint and no two of them touch (a freed one takes in its listed neighbours), so merging
// joins only free pages. Without `PAGED`, `realloc` is GlobalAlloc's own (a new block, the
// bytes copied, the old one freed): keeping a block whose class does not change was 23 B gzip
// -9 more of the z wasm, for a copy a form's validation does not notice.
unsafe impl<P: Pages> GlobalAlloc for PowerBlocks<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() > PAGE {
            return ptr::null_mut();
        }
        let c = class(layout);
        if PAGED && c > BIG {
            // SAFETY: more than a page (and at most `isize::MAX`, Layout's bound): whole pages.
            return unsafe { self.big_alloc(span(layout.size())) };
        }
        let Some(head) = self.heads.get(c) else {
            return ptr::null_mut();
        };
        let first = head.get();
        if first == 0 {
            return self.cut(c);
        }
        // SAFETY: `first` is a freed block of this class (see above): its first word is the next.
        head.set(unsafe { (first as *const usize).read() });
        first as *mut u8
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        let c = class(layout);
        if PAGED && c > BIG {
            // SAFETY: a large block `alloc` or `realloc` handed out for this layout: its pages.
            unsafe { self.big_free(p as usize, span(layout.size())) };
        } else if let Some(head) = self.heads.get(c) {
            // SAFETY: `p` is a block of this class the caller no longer uses (see above).
            unsafe { (p as *mut usize).write(head.get()) };
            head.set(p as usize);
        }
    }

    #[cfg(any(test, feature = "requests"))]
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: GlobalAlloc's contract: `new_size` rounded up to `layout.align()` does not
        // overflow `isize`, and the alignment is the layout's (a power of two).
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(layout) > BIG && class(new) > BIG {
            let (had, n) = (span(layout.size()), span(new_size));
            let top = self.top.get();
            if p as usize + had == top {
                // At `top`: given up and cut again from its start (page aligned), grown or
                // shrunk in place, the same bytes; moved only when the memory grew elsewhere.
                self.top.set(p as usize);
                let q = self.cut_bytes(n, PAGE);
                if q.is_null() {
                    // The block stays the caller's: nothing was cut above it.
                    if self.top.get() == p as usize {
                        self.top.set(top);
                    }
                } else if q != p {
                    // SAFETY: the new pages lie past `end` as it was, apart from the old block;
                    // then the old block (below the new `top`, on no list) is freed.
                    unsafe {
                        ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                        self.big_free(p as usize, had);
                    }
                }
                return q;
            }
            if n <= had {
                if n < had {
                    // SAFETY: the tail pages of the caller's block, no longer used.
                    unsafe { self.big_free(p as usize + n, had - n) };
                }
                return p;
            }
        }
        // SAFETY: `new` is a valid layout of non-zero size (GlobalAlloc's contract).
        let q = unsafe { self.alloc(new) };
        if !q.is_null() {
            // SAFETY: both blocks are live and distinct, each at least this long; then the old
            // one is freed with its layout.
            unsafe {
                ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
                self.dealloc(p, layout);
            }
        }
        q
    }
}

// SAFETY: the cells are not `Sync` because two threads could reach them at once. This is only
// the size build's global allocator, on wasm32 without the `atomics` target feature
// (src/lib.rs): one thread (src/wasm.rs gives the reasons at its `Local`, which relies on the
// same fact).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<P: Sync> Sync for PowerBlocks<P> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use std::collections::HashSet;

    /// Pages from one region taken from the system (as `memory.grow` hands them out: one after
    /// the other), optionally skipping one page between grows (memory grown by someone else),
    /// and refusing once the region is used up.
    struct Region {
        start: usize,
        pages: usize,
        used: Cell<usize>,
        skip: bool,
    }

    impl Region {
        fn new(pages: usize, skip: bool) -> Region {
            let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
            // SAFETY: a non-zero size; the region is leaked (the test's allocator uses it).
            let start = unsafe { System.alloc(layout) } as usize;
            assert_ne!(start, 0);
            Region {
                start,
                pages,
                used: Cell::new(0),
                skip,
            }
        }
    }

    impl Pages for &Region {
        fn grow(&self, n: usize) -> Option<usize> {
            let from = self.used.get() + usize::from(self.skip && self.used.get() > 0);
            if from + n > self.pages {
                return None;
            }
            self.used.set(from + n);
            Some(self.start + from * PAGE)
        }
    }

    struct Live {
        p: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn check(l: &Live, region: &Region) {
        // SAFETY: the block is live and `layout.size()` bytes long.
        let bytes = unsafe { core::slice::from_raw_parts(l.p, l.layout.size()) };
        if let Some(i) = bytes.iter().position(|b| *b != l.fill) {
            panic!("byte {i} of {} changed", l.layout.size());
        }
        assert_eq!(l.p as usize % l.layout.align(), 0, "alignment");
        let (p, end) = (l.p as usize, l.p as usize + l.layout.size());
        assert!(p >= region.start && end <= region.start + region.pages * PAGE);
    }

    /// Random allocations, frees and reallocations of sizes from 1 byte to 200 KB and
    /// alignments from 1 to a page: every block keeps its bytes (none overlaps another, none is
    /// handed out twice), is aligned and inside the pages taken, and freed blocks are handed
    /// out again; with pages right after one another and with gaps between grows.
    #[test]
    fn blocks_keep_their_bytes_and_are_reused() {
        for skip in [false, true] {
            let region = Region::new(512, skip);
            let a = PowerBlocks::new(&region);
            let mut live: Vec<Live> = Vec::new();
            let mut seed = 0x2545_f491_4f6c_dd1du64;
            let mut next = move || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            let size = |r: u64| match r % 16 {
                0 => 1 + (r >> 8) as usize % 200_000,
                1..=3 => 1 + (r >> 8) as usize % 5_000,
                _ => 1 + (r >> 8) as usize % 300,
            };
            let (mut reused, mut freed) = (0, HashSet::new());
            for step in 0..40_000u32 {
                let r = next();
                let fill = (step % 251) as u8;
                match r % 4 {
                    0 | 1 if live.len() < 200 => {
                        let n = size(next());
                        let align = [1, 2, 4, 8, 16, 32, 64, 4096, PAGE][(next() % 9) as usize];
                        let layout = Layout::from_size_align(n, align).unwrap();
                        // SAFETY: a non-zero size.
                        let p = unsafe { a.alloc(layout) };
                        assert!(!p.is_null(), "{n} bytes aligned to {align}");
                        if freed.remove(&(p as usize)) {
                            reused += 1;
                        }
                        // SAFETY: a fresh block of `n` bytes.
                        unsafe { p.write_bytes(fill, n) };
                        live.push(Live { p, layout, fill });
                    }
                    2 if !live.is_empty() => {
                        let l = live.swap_remove((next() % live.len() as u64) as usize);
                        check(&l, &region);
                        freed.insert(l.p as usize);
                        // SAFETY: live, with the layout it was allocated with.
                        unsafe { a.dealloc(l.p, l.layout) };
                    }
                    _ if !live.is_empty() => {
                        let i = (next() % live.len() as u64) as usize;
                        check(&live[i], &region);
                        let n = size(next());
                        let l = &mut live[i];
                        // SAFETY: live, its layout, a non-zero size.
                        let q = unsafe { a.realloc(l.p, l.layout, n) };
                        assert!(!q.is_null());
                        let kept = l.layout.size().min(n);
                        // SAFETY: `q` is `n` bytes long.
                        let bytes = unsafe { core::slice::from_raw_parts(q, kept) };
                        assert!(bytes.iter().all(|b| *b == l.fill), "realloc kept the bytes");
                        // SAFETY: as above.
                        unsafe { q.write_bytes(fill, n) };
                        if q != l.p {
                            freed.insert(l.p as usize);
                        }
                        freed.remove(&(q as usize));
                        *l = Live {
                            p: q,
                            layout: Layout::from_size_align(n, l.layout.align()).unwrap(),
                            fill,
                        };
                    }
                    _ => {}
                }
            }
            for l in live.drain(..) {
                check(&l, &region);
                // SAFETY: live, with its layout.
                unsafe { a.dealloc(l.p, l.layout) };
            }
            assert!(
                reused > 1_000,
                "freed blocks are handed out again ({reused})"
            );
        }
    }

    /// The same allocations and frees over and over take no more pages after the first round.
    #[test]
    fn a_repeated_pattern_takes_no_more_memory() {
        let region = Region::new(64, false);
        let a = PowerBlocks::new(&region);
        let sizes = [3, 40, 17, 500, 16, 64, 9_000, 33, 70_000, 1];
        let mut after_first = 0;
        for round in 0..1_000 {
            let blocks: Vec<_> = sizes
                .iter()
                .map(|n| {
                    let layout = Layout::from_size_align(*n, 8).unwrap();
                    // SAFETY: a non-zero size.
                    (unsafe { a.alloc(layout) }, layout)
                })
                .collect();
            for (p, layout) in blocks.into_iter().rev() {
                assert!(!p.is_null());
                // SAFETY: live, with its layout.
                unsafe { a.dealloc(p, layout) };
            }
            if round == 0 {
                after_first = region.used.get();
            }
        }
        assert_eq!(region.used.get(), after_first);
    }

    /// The pages of `n` bytes aligned to 8 (large: more than a page).
    fn pages(n: usize) -> Layout {
        Layout::from_size_align(n * PAGE, 8).unwrap()
    }

    /// The listed large blocks, head first: (address, length).
    fn listed<P>(a: &PowerBlocks<P>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut b = a.big.get();
        while b != 0 {
            // SAFETY: a listed large block: its next and its length.
            unsafe {
                out.push((b, (b as *const usize).add(1).read()));
                b = (b as *const usize).read();
            }
        }
        out
    }

    /// Large blocks are whole pages, page aligned, cut one after the other (a 1-byte-over-a-page
    /// request takes two pages, not a power of two: 5 pages + 1 byte takes 6, not 8).
    #[test]
    fn large_blocks_are_whole_pages() {
        let region = Region::new(32, false);
        let a = PowerBlocks::new(&region);
        // SAFETY: non-zero sizes; each block is used with its layout.
        unsafe {
            let one = Layout::from_size_align(PAGE + 1, 1).unwrap();
            let p = a.alloc(one);
            let q = a.alloc(Layout::from_size_align(5 * PAGE + 1, 8).unwrap());
            assert_eq!(p as usize, region.start);
            assert_eq!(q as usize, region.start + 2 * PAGE);
            assert_eq!(a.top.get(), region.start + 8 * PAGE);
            assert_eq!(region.used.get(), 8);
            // A small block after them starts on the next page (the top), and a large one
            // after that at the next page boundary.
            let s = a.alloc(Layout::from_size_align(24, 8).unwrap());
            assert_eq!(s as usize, region.start + 8 * PAGE);
            let r = a.alloc(pages(2));
            assert_eq!(r as usize, region.start + 9 * PAGE);
        }
    }

    /// A freed large block is listed; the first listed block long enough is taken, split when
    /// longer (its tail handed out, the front kept listed, shorter), taken whole when equal.
    #[test]
    fn large_blocks_first_fit_and_split() {
        let region = Region::new(64, false);
        let a = PowerBlocks::new(&region);
        // SAFETY: non-zero sizes; each block is used with its layout.
        unsafe {
            let b3 = a.alloc(pages(3));
            let g1 = a.alloc(pages(2));
            let b5 = a.alloc(pages(5));
            let g2 = a.alloc(pages(2));
            let (b3, b5) = (b3 as usize, b5 as usize);
            a.dealloc(b5 as *mut u8, pages(5));
            a.dealloc(b3 as *mut u8, pages(3));
            assert_eq!(listed(&a), [(b3, 3 * PAGE), (b5, 5 * PAGE)]);
            let used = region.used.get();
            // 4 pages: b3 is too short, b5 fits: its last 4 pages, b5's first page stays listed.
            let t = a.alloc(pages(4));
            assert_eq!(t as usize, b5 + PAGE);
            assert_eq!(listed(&a), [(b3, 3 * PAGE), (b5, PAGE)]);
            // 3 pages: b3, the first listed block long enough, taken whole (unlinked).
            let u = a.alloc(pages(3));
            assert_eq!(u as usize, b3);
            assert_eq!(listed(&a), [(b5, PAGE)]);
            // 2 pages: nothing listed is long enough: cut from the top.
            let v = a.alloc(pages(2));
            assert_eq!(v as usize, g2 as usize + 2 * PAGE);
            assert_eq!(region.used.get(), used + 2, "only the cut took pages");
            t.write_bytes(1, 4 * PAGE);
            u.write_bytes(2, 3 * PAGE);
            v.write_bytes(3, 2 * PAGE);
            g1.write_bytes(3, 2 * PAGE);
            g2.write_bytes(4, 2 * PAGE);
            // Freed t and b5's front merge into b5's 5 pages again; a 2-page request splits it.
            a.dealloc(t, pages(4));
            assert_eq!(listed(&a), [(b5, 5 * PAGE)]);
            assert_eq!(a.alloc(pages(2)) as usize, b5 + 3 * PAGE);
            assert_eq!(listed(&a), [(b5, 3 * PAGE)]);
        }
    }

    /// A freed large block merges with its listed neighbours on both sides, and a block that
    /// then ends at `top` lowers it: the next cut starts there, no more pages taken.
    #[test]
    fn large_blocks_merge_and_lower_top() {
        let region = Region::new(64, false);
        let a = PowerBlocks::new(&region);
        let small = Layout::from_size_align(24, 8).unwrap();
        // SAFETY: non-zero sizes; each block is used with its layout.
        unsafe {
            let below = a.alloc(small);
            below.write_bytes(9, 24);
            let x = a.alloc(pages(2)) as usize;
            let y = a.alloc(pages(3)) as usize;
            let z = a.alloc(pages(4)) as usize;
            let w = a.alloc(pages(2)) as usize;
            assert_eq!((y, z, w), (x + 2 * PAGE, x + 5 * PAGE, x + 9 * PAGE));
            a.dealloc(x as *mut u8, pages(2));
            a.dealloc(z as *mut u8, pages(4));
            assert_eq!(listed(&a), [(z, 4 * PAGE), (x, 2 * PAGE)]);
            // y between its two listed neighbours: one block of 9 pages.
            a.dealloc(y as *mut u8, pages(3));
            assert_eq!(listed(&a), [(x, 9 * PAGE)]);
            let used = region.used.get();
            // w ends at top: top goes down to w, then past the merged block below it.
            a.dealloc(w as *mut u8, pages(2));
            assert!(listed(&a).is_empty());
            assert_eq!(a.top.get(), x);
            let big = a.alloc(pages(11));
            assert_eq!(big as usize, x);
            big.write_bytes(5, 11 * PAGE);
            assert_eq!(region.used.get(), used);
            assert!(core::slice::from_raw_parts(below, 24)
                .iter()
                .all(|b| *b == 9));
            // Freed at top with nothing listed: top lowered, nothing listed.
            a.dealloc(big, pages(11));
            assert_eq!(a.top.get(), x);
            assert!(listed(&a).is_empty());
        }
    }

    /// The large block at `top` grows and shrinks in place (same address, the bytes kept, only
    /// the missing pages taken); another large block shrinks in place with its tail freed, and
    /// grows by moving (the old block freed and handed out again).
    #[test]
    fn large_realloc_in_place_at_top() {
        let region = Region::new(64, false);
        let a = PowerBlocks::new(&region);
        let small = Layout::from_size_align(100, 8).unwrap();
        // SAFETY: non-zero sizes; each block is used with the layout it has at the time.
        unsafe {
            let below = a.alloc(small);
            let mut layout = Layout::from_size_align(PAGE + 10, 1).unwrap();
            let p = a.alloc(layout);
            assert_eq!(p as usize, region.start + PAGE);
            p.write_bytes(7, layout.size());
            for n in [2 * PAGE, 5 * PAGE + 3, 16 * PAGE, 32 * PAGE] {
                let q = a.realloc(p, layout, n);
                assert_eq!(q, p, "grown in place to {n}");
                let bytes = core::slice::from_raw_parts(q, layout.size());
                assert!(bytes.iter().all(|b| *b == 7), "kept the bytes");
                q.add(layout.size()).write_bytes(7, n - layout.size());
                layout = Layout::from_size_align(n, 1).unwrap();
            }
            // The first page holds `below`; 32 pages follow it, nothing more.
            assert_eq!(region.used.get(), 33);
            assert_eq!(a.top.get(), p as usize + 32 * PAGE);
            let q = a.realloc(p, layout, 3 * PAGE - 5);
            assert_eq!(q, p, "shrunk in place");
            assert_eq!(a.top.get(), p as usize + 3 * PAGE);
            assert!(core::slice::from_raw_parts(q, 3 * PAGE - 5)
                .iter()
                .all(|b| *b == 7));
            // Not at top: shrinking frees the tail, growing moves.
            let after = a.alloc(pages(2));
            let r = a.realloc(
                q,
                Layout::from_size_align(3 * PAGE - 5, 1).unwrap(),
                PAGE + 1,
            );
            assert_eq!(r, q);
            assert_eq!(listed(&a), [(q as usize + 2 * PAGE, PAGE)]);
            let s = a.realloc(r, Layout::from_size_align(PAGE + 1, 1).unwrap(), 4 * PAGE);
            assert_eq!(s as usize, after as usize + 2 * PAGE, "moved to the top");
            assert!(core::slice::from_raw_parts(s, PAGE + 1)
                .iter()
                .all(|b| *b == 7));
            assert_eq!(
                listed(&a),
                [(q as usize, 3 * PAGE)],
                "the old block merged with its tail"
            );
            a.dealloc(after, pages(2));
            a.dealloc(s, pages(4));
            a.dealloc(below, small);
            assert_eq!(
                a.top.get(),
                region.start + PAGE,
                "all large blocks back to the top"
            );
            assert!(listed(&a).is_empty());
        }
    }

    /// Memory grown elsewhere (not right after the pages taken before): the large block at
    /// `top` regrown moves to the new pages, its bytes kept, the old block listed; a failed
    /// regrowth leaves the block and `top` as they were.
    #[test]
    fn large_realloc_at_top_moves_when_the_memory_grows_elsewhere() {
        let region = Region::new(16, true);
        let a = PowerBlocks::new(&region);
        // SAFETY: non-zero sizes; each block is used with the layout it has at the time.
        unsafe {
            let p = a.alloc(pages(2));
            assert_eq!(p as usize, region.start);
            p.write_bytes(6, 2 * PAGE);
            let q = a.realloc(p, pages(2), 3 * PAGE);
            // One page skipped, then the whole 3 pages (the one missing page came elsewhere).
            assert_ne!(q, p);
            assert!(core::slice::from_raw_parts(q, 2 * PAGE)
                .iter()
                .all(|b| *b == 6));
            assert_eq!(listed(&a), [(p as usize, 2 * PAGE)]);
            let top = a.top.get();
            assert_eq!(top, q as usize + 3 * PAGE);
            assert!(a.realloc(q, pages(3), 40 * PAGE).is_null());
            assert_eq!(a.top.get(), top);
            assert!(core::slice::from_raw_parts(q, 2 * PAGE)
                .iter()
                .all(|b| *b == 6));
            a.dealloc(q, pages(3));
        }
    }

    /// A growth pattern repeated 100 times (a buffer that starts small and doubles past a few
    /// megabytes, small blocks cut between its steps, a second large buffer of an exact size,
    /// everything freed) stops taking memory after the first rounds.
    #[test]
    fn a_repeated_growth_pattern_stops_taking_memory() {
        let region = Region::new(400, false);
        let a = PowerBlocks::new(&region);
        let mut used = Vec::new();
        // SAFETY: non-zero sizes; each block is used with the layout it has at the time.
        unsafe {
            for round in 0..100 {
                let mut layout = Layout::from_size_align(8, 1).unwrap();
                let mut p = a.alloc(layout);
                let mut smalls = Vec::new();
                let mut n = 8;
                while n < 5 << 20 {
                    n *= 2;
                    p = a.realloc(p, layout, n);
                    assert!(!p.is_null());
                    p.add(n - 1).write(1);
                    layout = Layout::from_size_align(n, 1).unwrap();
                    if n % (1 << 17) == 0 {
                        let s = Layout::from_size_align(40 + round % 3, 8).unwrap();
                        smalls.push((a.alloc(s), s));
                    }
                }
                let exact = Layout::from_size_align(3 * PAGE + 123 * round, 8).unwrap();
                let e = a.alloc(exact);
                assert!(!e.is_null());
                a.dealloc(p, layout);
                for (s, l) in smalls {
                    a.dealloc(s, l);
                }
                a.dealloc(e, exact);
                used.push(region.used.get());
            }
        }
        assert!(used[3..].iter().all(|u| *u == used[2]), "{used:?}");
    }

    /// Null, not a wrong block, when the memory cannot grow or the alignment is above a page.
    #[test]
    fn no_memory_is_null() {
        let region = Region::new(2, false);
        let a = PowerBlocks::new(&region);
        let big = Layout::from_size_align(3 * PAGE, 8).unwrap();
        let over = Layout::from_size_align(16, 2 * PAGE).unwrap();
        // SAFETY: non-zero sizes.
        unsafe {
            assert!(a.alloc(big).is_null());
            assert!(a.alloc(over).is_null());
            assert!(!a.alloc(Layout::from_size_align(PAGE, 8).unwrap()).is_null());
        }
    }

    #[test]
    fn sizes_map_to_classes() {
        let c = |size, align| class(Layout::from_size_align(size, align).unwrap());
        assert_eq!(c(1, 1), 0);
        assert_eq!(c(16, 16), 0);
        assert_eq!(c(17, 8), 1);
        assert_eq!(c(32, 1), 1);
        assert_eq!(c(33, 1), 2);
        assert_eq!(c(8, 64), 2);
        assert_eq!(c(PAGE, 8), 12);
        assert_eq!(c(PAGE + 1, 8), 13);
        assert!(CLASSES > c(isize::MAX as usize, 1));
    }
}
