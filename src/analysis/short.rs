//! [`Short`]: a string that lives inline up to 24 bytes.

/// A short string kept inline, as almost every word and every gap between
/// two words is: the words of an article cost no allocation each; a longer
/// one goes to the heap. A thin face over `compact_str`'s string (24 bytes
/// inline), whose `as_str` costs no check of the bytes.
#[derive(Clone, Default)]
pub struct Short(compact_str::CompactString);

impl Short {
    pub const INLINE: usize = 24;

    pub fn new() -> Short {
        Short(compact_str::CompactString::const_new(""))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    pub fn push(&mut self, c: char) {
        self.0.push(c);
    }

    /// Whether the string lives inline, without an allocation of its own.
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }
}

impl From<&str> for Short {
    fn from(s: &str) -> Short {
        Short(compact_str::CompactString::new(s))
    }
}

impl std::ops::Deref for Short {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
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
        out.0.as_mut_str().make_ascii_lowercase();
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
        assert!(!s.is_inline());
        assert!(Short::from("according").is_inline());
        assert!(Short::from("a".repeat(Short::INLINE).as_str()).is_inline());
        assert_eq!(Short::from("a".repeat(22).as_str()).len(), 22);
        assert_eq!(Short::from("x".repeat(30).as_str()), Short::from("x".repeat(30).as_str()));
        assert!(Short::from("to") == "to");
        for w in ["Said", "ÉLYSÉE", "Straße", "İstanbul", "", "CONGRATULATIONSANDTHANKS"] {
            assert_eq!(super::lower(w).as_str(), w.to_lowercase());
        }
    }
}
