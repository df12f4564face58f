//! [`Short`]: a string that lives inline up to 22 bytes.

/// A short string kept inline, as almost every word and every gap between
/// two words is: the words of an article cost no allocation each; a longer
/// one goes to the heap.
#[derive(Clone)]
pub enum Short {
    Inline { len: u8, bytes: [u8; Short::INLINE] },
    Heap(Box<str>),
}

impl Short {
    pub const INLINE: usize = 22;

    pub fn new() -> Short {
        Short::Inline { len: 0, bytes: [0; Short::INLINE] }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // Only whole `str`s are ever copied in (see `push_str`).
            Short::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default(),
            Short::Heap(s) => s,
        }
    }

    pub fn push_str(&mut self, s: &str) {
        match self {
            Short::Inline { len, bytes } if *len as usize + s.len() <= Short::INLINE => {
                bytes[*len as usize..*len as usize + s.len()].copy_from_slice(s.as_bytes());
                *len += s.len() as u8;
            }
            _ => *self = Short::Heap((self.as_str().to_string() + s).into_boxed_str()),
        }
    }

    pub fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }
}

impl From<&str> for Short {
    fn from(s: &str) -> Short {
        let mut out = Short::new();
        out.push_str(s);
        out
    }
}

impl std::ops::Deref for Short {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Short {
    fn default() -> Short {
        Short::new()
    }
}

impl PartialEq for Short {
    fn eq(&self, other: &Short) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Short {}

impl PartialEq<&str> for Short {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A word in lower case, as `str::to_lowercase` gives it, kept inline when
/// short and ASCII (nearly every word of an English article), so lowering a
/// word to test it against a word list allocates nothing.
pub fn lower(word: &str) -> Short {
    if word.is_ascii() && word.len() <= Short::INLINE {
        let mut out = Short::from(word);
        if let Short::Inline { len, bytes } = &mut out {
            bytes[..*len as usize].make_ascii_lowercase();
        }
        return out;
    }
    Short::from(word.to_lowercase().as_str())
}

/// [`lower`] as a method: `word.lower()`.
pub trait Lower {
    fn lower(&self) -> Short;
}

impl Lower for str {
    fn lower(&self) -> Short {
        lower(self)
    }
}

impl std::fmt::Debug for Short {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::Short;

    #[test]
    fn short_strings_stay_inline_and_long_ones_go_to_the_heap_unchanged() {
        let mut s = Short::new();
        for piece in ["said", ",", "“", "Ивано", "-Франківськ", "!"] {
            let before = s.as_str().to_string();
            s.push_str(piece);
            assert_eq!(s.as_str(), before + piece);
        }
        assert!(matches!(s, Short::Heap(_)));
        assert!(matches!(Short::from("according"), Short::Inline { .. }));
        assert_eq!(Short::from("a".repeat(22).as_str()).len(), 22);
        assert_eq!(Short::from("x".repeat(30).as_str()), Short::from("x".repeat(30).as_str()));
        assert!(Short::from("to") == "to");
        for w in ["Said", "ÉLYSÉE", "Straße", "İstanbul", "", "CONGRATULATIONSANDTHANKS"] {
            assert_eq!(super::lower(w).as_str(), w.to_lowercase());
        }
    }
}
