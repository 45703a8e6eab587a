//! A cache of freed small blocks in front of the speed wasm's allocator (talc; the size build
//! and the full wasm use `size_alloc.rs` instead). Every refused input
//! makes the reporting walk allocate and free a dozen small buffers (the path, the value slots,
//! the undeclared keys, a rule's `Issue` and its strings); talc splits a free chunk on every
//! allocation and merges neighbours on every free, which was 8–15 % of an invalid `validate`
//! in Node (bench/targets.md, "Session 11: the invalid path"). Here a block of up to
//! [`LARGEST`] bytes is taken from talc in one of [`CLASSES`] sizes (multiples of [`GRAIN`],
//! aligned to it), and when freed it goes onto its size's list (a pointer in its first word)
//! instead of back to talc; the next allocation of that size takes it back. Larger blocks, and
//! blocks with a larger alignment, go to talc as before.
//!
//! Memory: a freed small block stays on its list (it is not merged with its neighbours or
//! given back), so the small blocks held are at most the most ever live at once per size: a
//! validation's buffers, reused call after call (the "1 million validations" check in bench/
//! holds the memory at its size after the first call).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr;

/// The sizes are multiples of this (also the blocks' alignment).
const GRAIN: usize = 16;
/// How many sizes are cached: `GRAIN`, `2 * GRAIN`, … `CLASSES * GRAIN` bytes.
const CLASSES: usize = 16;
/// The largest cached size.
const LARGEST: usize = GRAIN * CLASSES;

/// `A` with freed small blocks kept for reuse (see the module).
pub struct SmallBlocks<A> {
    inner: A,
    /// Per size, the first freed block (0: none); each freed block holds the next one's address
    /// in its first word.
    heads: [Cell<usize>; CLASSES],
}

impl<A> SmallBlocks<A> {
    /// `inner` with an empty cache.
    pub const fn new(inner: A) -> SmallBlocks<A> {
        SmallBlocks {
            inner,
            heads: [const { Cell::new(0) }; CLASSES],
        }
    }
}

/// The size class of a layout the cache serves (its blocks are `(class + 1) * GRAIN` bytes,
/// aligned to `GRAIN`), or `None` for talc's.
#[inline(always)]
fn class(size: usize, align: usize) -> Option<usize> {
    if size <= LARGEST && align <= GRAIN {
        Some(size.saturating_sub(1) / GRAIN)
    } else {
        None
    }
}

/// The layout of a block of size class `c` (`c < CLASSES`: a valid layout).
#[inline(always)]
fn block(c: usize) -> Layout {
    // SAFETY: GRAIN is a power of two and (c + 1) * GRAIN ≤ LARGEST, far from overflowing.
    unsafe { Layout::from_size_align_unchecked((c + 1) * GRAIN, GRAIN) }
}

// SAFETY: the blocks handed out are either `inner`'s own allocations for the caller's layout
// (not cached sizes) or blocks of `block(c)` from `inner`, at least as large and as aligned as
// any layout of class `c` asks. A block is on a list only after the caller freed it (so nobody
// else uses it) and leaves the list before it is handed out again, once; its first word (it is
// at least `GRAIN` bytes, aligned to `GRAIN`: room for a `usize`) holds the next block's address
// while it is on the list. `dealloc` and `realloc` get the layout the block was allocated with
// (GlobalAlloc's contract), so they find the same class as `alloc` did.
unsafe impl<A: GlobalAlloc> GlobalAlloc for SmallBlocks<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout.size(), layout.align()) else {
            return self.inner.alloc(layout);
        };
        let Some(head) = self.heads.get(c) else {
            return ptr::null_mut(); // (c < CLASSES)
        };
        let first = head.get();
        if first == 0 {
            return self.inner.alloc(block(c));
        }
        // SAFETY: `first` is a freed block of this class (see above): its first word is the next.
        head.set(unsafe { (first as *const usize).read() });
        first as *mut u8
    }

    #[inline]
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        let Some(c) = class(layout.size(), layout.align()) else {
            return self.inner.dealloc(p, layout);
        };
        if let Some(head) = self.heads.get(c) {
            // SAFETY: `p` is a block of this class the caller no longer uses (see above).
            unsafe { (p as *mut usize).write(head.get()) };
            head.set(p as usize);
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = class(layout.size(), layout.align());
        let new = class(new_size, layout.align());
        match (old, new) {
            // talc's own `realloc` (growing and shrinking in place). This front is the speed
            // wasm's alone (Node's validators); the full wasm is on `size_alloc.rs`.
            (None, None) => self.inner.realloc(p, layout, new_size),
            // The block already has room for the new size.
            (Some(a), Some(b)) if a == b => p,
            _ => {
                // SAFETY: `new_size` is non-zero and, rounded up to the alignment, does not
                // overflow `isize` (GlobalAlloc::realloc's contract).
                let to = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                let q = self.alloc(to);
                if !q.is_null() {
                    // SAFETY: both blocks are live and distinct, each at least this long.
                    unsafe { ptr::copy_nonoverlapping(p, q, layout.size().min(new_size)) };
                    self.dealloc(p, layout);
                }
                q
            }
        }
    }
}

// SAFETY: the cells are not `Sync` because two threads could reach them at once. This is only
// the wasm's global allocator, on wasm32 without the `atomics` target feature (src/lib.rs): one
// thread (src/wasm.rs gives the reasons at its `Local`, which relies on the same fact).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<A: Sync> Sync for SmallBlocks<A> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    /// A live allocation: where, its layout and the byte it was filled with.
    struct Live {
        p: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn check(l: &Live) {
        for i in 0..l.layout.size() {
            // SAFETY: the block is live and `layout.size()` bytes long.
            assert_eq!(
                unsafe { l.p.add(i).read() },
                l.fill,
                "byte {i} of {}",
                l.layout.size()
            );
        }
        assert_eq!(l.p as usize % l.layout.align(), 0, "alignment");
    }

    /// Random allocations, frees and reallocations of every size around the cached ones and a
    /// few alignments: every block keeps its bytes (none overlaps another, none is handed out
    /// twice), is aligned, and a freed small block is handed out again.
    #[test]
    fn blocks_keep_their_bytes_and_are_reused() {
        let a = SmallBlocks::new(System);
        let mut live: Vec<Live> = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut reused = 0;
        let mut freed = std::collections::HashSet::new();
        for step in 0..60_000u32 {
            let r = next();
            let fill = (step % 251) as u8;
            match r % 4 {
                0 | 1 if live.len() < 300 => {
                    let size = 1 + (next() % (LARGEST as u64 + 48)) as usize;
                    let align = [1, 2, 4, 8, 16, 32][(next() % 6) as usize];
                    let layout = Layout::from_size_align(size, align).unwrap();
                    // SAFETY: a non-zero size.
                    let p = unsafe { a.alloc(layout) };
                    assert!(!p.is_null());
                    if freed.remove(&(p as usize)) {
                        reused += 1;
                    }
                    // SAFETY: a fresh block of `size` bytes.
                    unsafe { p.write_bytes(fill, size) };
                    live.push(Live { p, layout, fill });
                }
                2 if !live.is_empty() => {
                    let l = live.swap_remove((next() % live.len() as u64) as usize);
                    check(&l);
                    freed.insert(l.p as usize);
                    // SAFETY: live, with the layout it was allocated with.
                    unsafe { a.dealloc(l.p, l.layout) };
                }
                _ if !live.is_empty() => {
                    let i = (next() % live.len() as u64) as usize;
                    check(&live[i]);
                    let l = &mut live[i];
                    let size = 1 + (next() % (LARGEST as u64 + 48)) as usize;
                    // SAFETY: live, its layout, a non-zero size.
                    let q = unsafe { a.realloc(l.p, l.layout, size) };
                    assert!(!q.is_null());
                    let kept = l.layout.size().min(size);
                    for j in 0..kept {
                        // SAFETY: `q` is `size` bytes long.
                        assert_eq!(unsafe { q.add(j).read() }, l.fill, "realloc kept byte {j}");
                    }
                    // SAFETY: as above.
                    unsafe { q.write_bytes(fill, size) };
                    freed.remove(&(q as usize));
                    *l = Live {
                        p: q,
                        layout: Layout::from_size_align(size, l.layout.align()).unwrap(),
                        fill,
                    };
                }
                _ => {}
            }
        }
        for l in live.drain(..) {
            check(&l);
            // SAFETY: live, with its layout.
            unsafe { a.dealloc(l.p, l.layout) };
        }
        assert!(
            reused > 1_000,
            "freed small blocks are handed out again ({reused})"
        );
    }

    #[test]
    fn sizes_map_to_classes() {
        assert_eq!(class(1, 1), Some(0));
        assert_eq!(class(16, 16), Some(0));
        assert_eq!(class(17, 8), Some(1));
        assert_eq!(class(LARGEST, 4), Some(CLASSES - 1));
        assert_eq!(class(LARGEST + 1, 4), None);
        assert_eq!(class(8, 32), None);
        for c in 0..CLASSES {
            assert!(block(c).size() >= GRAIN && block(c).align() == GRAIN);
        }
    }
}
