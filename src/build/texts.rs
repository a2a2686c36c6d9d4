//! Every text a user may be shown, collected while the data is checked and
//! laid out once everything is known: the message wordings first (the
//! classifier needs them from the start; a small blob of their own), then
//! per shown language, then the texts of no language (source titles, the
//! fallback note). Grouped by language, the blob compresses better. Each
//! text gets a provisional number when collected ([`Tmp`]) and its final id
//! from [`Layout`].

use super::fail;

/// A text's provisional number.
#[derive(Clone, Copy)]
pub struct Tmp(usize);

pub struct TextTable {
    /// The wordings, then per language slot, then one shared slot: (provisional number, text).
    slots: Vec<Vec<(usize, String)>>,
    next: usize,
}

/// The texts laid out: the two blobs, how many texts each holds, and the
/// final id of every provisional number.
pub struct Layout {
    pub wordings: String,
    pub texts: String,
    pub counts: [usize; 2],
    ids: Vec<usize>,
}

impl Layout {
    pub fn id(&self, t: Tmp) -> usize {
        self.ids[t.0]
    }
}

impl TextTable {
    pub fn new(langs: usize) -> Self {
        TextTable { slots: vec![Vec::new(); langs + 2], next: 0 }
    }
    /// A text in shown language `lang` (its index in SHOWN).
    pub fn slot(&mut self, lang: usize, s: &str) -> Tmp {
        self.put(lang + 1, s)
    }
    /// A message wording.
    pub fn wording(&mut self, s: &str) -> Tmp {
        self.put(0, s)
    }
    /// A text not tied to a shown language.
    pub fn shared(&mut self, s: &str) -> Tmp {
        let last = self.slots.len() - 1;
        self.put(last, s)
    }
    fn put(&mut self, slot: usize, s: &str) -> Tmp {
        if s.contains('\0') {
            fail(format!("text contains NUL: {s:?}"));
        }
        let tmp = self.next;
        self.next += 1;
        self.slots[slot].push((tmp, s.to_string()));
        Tmp(tmp)
    }
    pub fn layout(self) -> Layout {
        let mut blobs = [String::new(), String::new()];
        let mut counts = [0usize; 2];
        let mut ids = vec![0; self.next];
        let mut n = 0;
        for (i, slot) in self.slots.into_iter().enumerate() {
            let b = usize::from(i > 0);
            for (tmp, s) in slot {
                if counts[b] > 0 {
                    blobs[b].push('\0');
                }
                blobs[b].push_str(&s);
                counts[b] += 1;
                ids[tmp] = n;
                n += 1;
            }
        }
        if n > u16::MAX as usize {
            fail("more than 65535 texts".into());
        }
        let [wordings, texts] = blobs;
        Layout { wordings, texts, counts, ids }
    }
}
