//! The allocator of the validators entry's size build (`cu_size_build`, build.rs: the "z" wasm
//! that browsers and forms load), in place of talc: blocks of power-of-two sizes, each freed
//! block kept on its size's list and handed out again, new blocks cut from the top of the memory
//! taken so far, which grows by whole 64 KiB pages. No splitting, merging or searching: the
//! code is a fraction of talc's (talc was ≈ 0.6 KB gzip -9 of that wasm; bench/targets.md,
//! "Session 12: validators wasm size"). The other wasm builds keep talc (with the small-block
//! cache of `small_alloc.rs`).
//!
//! Memory: a block is its layout's size (or alignment, if larger) rounded up to a power of two,
//! at least [`SMALLEST`] bytes, aligned to its size up to a page; a freed block stays on its
//! list (it is never merged with its neighbours or given back), so what is held is at most the
//! most ever live at once per size, plus the alignment gaps left behind when a larger block was
//! cut after a smaller one. A validation allocates and frees the same buffers call after call,
//! so the memory stops growing after the first calls (tests/node: a million validations leave
//! it at its size).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr;

/// The smallest block (size class 0); class `c` is `SMALLEST << c` bytes.
const SMALLEST: usize = 16;
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
        let Some(size) = SMALLEST
            .checked_shl(c as u32)
            .filter(|s| *s <= isize::MAX as usize)
        else {
            return ptr::null_mut();
        };
        let align = size.min(PAGE);
        let fits = |top: usize| {
            let at = top.checked_add(align - 1)? & !(align - 1);
            at.checked_add(size)
                .filter(|e| *e <= self.end.get())
                .map(|e| (at, e))
        };
        let (at, top) = match fits(self.top.get()) {
            Some(found) => found,
            None => {
                let n = size.div_ceil(PAGE);
                let Some(new) = self.pages.grow(n) else {
                    return ptr::null_mut();
                };
                // Not right after the pages taken before (memory grown by someone else): start
                // cutting at the new pages; what was left above `top` is not used.
                if new != self.end.get() {
                    self.top.set(new);
                }
                self.end.set(new.saturating_add(n * PAGE));
                // The new pages alone hold `size` bytes, and `top` (at most the old end, which
                // is page aligned) rounds up to at most that end: this fits.
                match fits(self.top.get()) {
                    Some(found) => found,
                    None => return ptr::null_mut(),
                }
            }
        };
        self.top.set(top);
        at as *mut u8
    }
}

// SAFETY: every block handed out is `SMALLEST << class(layout)` bytes (at least the layout's
// size) at an address aligned to that size or to a page, whichever is smaller (at least the
// layout's alignment: `class` counts the alignment, and alignments above a page are refused
// with null). A block is cut from memory `pages` handed over (between `top` and `end`, which
// only move up past what was cut), so no two live blocks overlap; a block is on a list only
// after the caller freed it (nobody else uses it) and leaves the list before it is handed out
// again, once; while on the list its first word (a block is at least 16 bytes, aligned to 16)
// holds the next block's address. `dealloc` gets the layout the block was allocated with
// (GlobalAlloc's contract), so it finds the class `alloc` used. `realloc` is GlobalAlloc's own
// (a new block, the bytes copied, the old one freed): keeping a block whose class does not
// change was 23 B gzip -9 more of the z wasm, for a copy a form's validation does not notice.
unsafe impl<P: Pages> GlobalAlloc for PowerBlocks<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() > PAGE {
            return ptr::null_mut();
        }
        let c = class(layout);
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
        if let Some(head) = self.heads.get(class(layout)) {
            // SAFETY: `p` is a block of this class the caller no longer uses (see above).
            unsafe { (p as *mut usize).write(head.get()) };
            head.set(p as usize);
        }
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
