//! Strings end to end in one UTF-8 buffer, as Arrow lays them out: the
//! corpus' texts, and the string columns of results. And character offsets
//! into such UTF-8 text, which are what Python's `str` indices count.

use crate::vocab::Vocab;

/// Strings end to end in one buffer, the `i`-th being
/// `data[offsets[i]..offsets[i + 1]]`: the layout of an Arrow large string
/// array, so a column crosses into Python as two arrays rather than a string
/// each. The corpus keeps its texts this way too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    pub data: String,
    pub offsets: Vec<i64>,
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            data: String::new(),
            offsets: vec![0],
        }
    }
}

impl Strings {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `strings` more strings of `bytes` bytes in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(strings + 1);
        offsets.push(0);
        Strings {
            data: String::with_capacity(bytes),
            offsets,
        }
    }

    /// The strings of `items`, copied into one buffer.
    pub fn from_strs<S: AsRef<str>>(items: &[S]) -> Self {
        let bytes = items.iter().map(|t| t.as_ref().len()).sum();
        let mut out = Strings::with_capacity(items.len(), bytes);
        for item in items {
            out.push(item.as_ref());
        }
        out
    }

    pub fn push(&mut self, text: &str) {
        self.data.push_str(text);
        self.offsets.push(self.data.len() as i64);
    }

    /// Push an n-gram's text: its terms joined by single spaces.
    pub fn push_ngram(&mut self, vocab: &Vocab, key: &[u32]) {
        for (i, &id) in key.iter().take_while(|&&id| id != u32::MAX).enumerate() {
            if i > 0 {
                self.data.push(' ');
            }
            self.data.push_str(vocab.term(id));
        }
        self.offsets.push(self.data.len() as i64);
    }

    /// Append every string of `other`.
    pub fn append(&mut self, other: &Strings) {
        let base = self.data.len() as i64;
        self.data.push_str(&other.data);
        self.offsets
            .extend(other.offsets[1..].iter().map(|&end| base + end));
    }

    /// The strings of every part, in order, copied once into a buffer of
    /// the exact size, each part freed once copied (so the copy never holds
    /// twice the strings).
    pub fn concat(parts: Vec<Strings>) -> Strings {
        let strings = parts.iter().map(Strings::len).sum();
        let bytes = parts.iter().map(|part| part.data.len()).sum();
        let mut out = Strings::with_capacity(strings, bytes);
        for part in parts {
            out.append(&part);
        }
        out
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &str {
        &self.data[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Bytes of all strings.
    pub fn bytes(&self) -> usize {
        self.data.len()
    }

    /// Give back unused capacity (after reading, when the size is known).
    pub fn shrink_to_fit(&mut self) {
        self.data.shrink_to_fit();
        self.offsets.shrink_to_fit();
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

/// Character offsets of increasing byte offsets into one text, in one pass:
/// what Python's `str` indices are, for texts the engine holds as UTF-8.
#[derive(Debug)]
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    ascii: bool,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
            ascii: text.is_ascii(),
        }
    }

    /// The character offset of byte offset `byte` (a character boundary).
    /// Cheapest when called with increasing offsets; any order is right.
    pub fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.chars += self.text[self.byte..byte].chars().count();
        } else {
            self.chars -= self.text[byte..self.byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_to_end() {
        let mut texts = Strings::from_strs(&["Xi met Putin.", "", "Путин’s"]);
        assert_eq!(texts.len(), 3);
        assert_eq!(texts.get(1), "");
        assert_eq!(texts.get(2), "Путин’s");
        texts.append(&Strings::from_strs(&["more"]));
        let all: Vec<&str> = texts.iter().collect();
        assert_eq!(all, ["Xi met Putin.", "", "Путин’s", "more"]);
        assert_eq!(texts.bytes(), 13 + 14 + 4);
    }

    #[test]
    fn character_offsets_of_byte_offsets() {
        let text = "aé’b";
        let mut offsets = CharOffsets::new(text);
        assert_eq!(offsets.at(0), 0);
        assert_eq!(offsets.at(3), 2);
        assert_eq!(offsets.at(7), 4);
        assert_eq!(offsets.at(1), 1);
        assert_eq!(CharOffsets::new("plain").at(4), 4);
    }
}
