//! The columns stage: every statistic hands back one [`Table`] of named,
//! typed columns, in the order a user sees them. Column names are written
//! here, beside the results they name, and the bindings turn any table into
//! Python columns in one place (`py/table.rs`).
//!
//! Every count, size, code and offset is a signed 64-bit integer
//! ([`Column::Int`]), so that a user who subtracts two count columns gets a
//! negative number, never one wrapped around 2^64.

use crate::strings::Strings;

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Counts, sizes, codes and offsets.
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    /// Strings end to end in one buffer (Arrow's large string layout).
    Str(Strings),
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Int(values) => values.len(),
            Column::Float(values) => values.len(),
            Column::Bool(values) => values.len(),
            Column::Str(values) => values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A count as a signed 64-bit integer. Every count the engine holds is at
/// most `i64::MAX` (see `counts::MAX_COUNT`), so a larger one is a bug in
/// the engine, never a number to wrap.
pub fn signed(value: u64) -> i64 {
    i64::try_from(value).expect("a count past i64::MAX, which the engine never holds")
}

impl From<Vec<i64>> for Column {
    fn from(values: Vec<i64>) -> Column {
        Column::Int(values)
    }
}

impl From<Vec<u64>> for Column {
    fn from(values: Vec<u64>) -> Column {
        Column::Int(values.into_iter().map(signed).collect())
    }
}

impl From<Vec<u32>> for Column {
    fn from(values: Vec<u32>) -> Column {
        Column::Int(values.into_iter().map(i64::from).collect())
    }
}

impl From<Vec<f64>> for Column {
    fn from(values: Vec<f64>) -> Column {
        Column::Float(values)
    }
}

impl From<Vec<bool>> for Column {
    fn from(values: Vec<bool>) -> Column {
        Column::Bool(values)
    }
}

impl From<Strings> for Column {
    fn from(values: Strings) -> Column {
        Column::Str(values)
    }
}

/// Named columns of equal length, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    columns: Vec<(&'static str, Column)>,
}

impl Table {
    pub fn new() -> Table {
        Table::default()
    }

    /// This table with `column` added last, named `name`. Every column of a
    /// table has as many rows as the first, and no two share a name: the
    /// statistics build their tables so (checked in debug builds).
    pub fn with(mut self, name: &'static str, column: impl Into<Column>) -> Table {
        let column = column.into();
        debug_assert!(
            self.columns
                .first()
                .is_none_or(|(_, c)| c.len() == column.len()),
            "column {name} has {} rows, the table {}",
            column.len(),
            self.rows()
        );
        debug_assert!(self.column(name).is_none(), "two columns named {name}");
        self.columns.push((name, column));
        self
    }

    /// Rows: the length of every column (0 without columns).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |(_, column)| column.len())
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|(name, _)| *name)
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|(own, _)| *own == name)
            .map(|(_, column)| column)
    }

    pub fn into_columns(self) -> Vec<(&'static str, Column)> {
        self.columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_become_signed_and_columns_keep_their_order() {
        let table = Table::new()
            .with("group", vec![0u32, 7])
            .with("term", Strings::from_strs(&["gas", "deal"]))
            .with("count", vec![3u64, i64::MAX as u64])
            .with("share", vec![0.5, 0.25])
            .with("target", vec![true, false]);
        assert_eq!(table.rows(), 2);
        assert_eq!(
            table.names().collect::<Vec<_>>(),
            ["group", "term", "count", "share", "target"]
        );
        assert_eq!(table.column("count"), Some(&Column::Int(vec![3, i64::MAX])));
        assert_eq!(table.column("group"), Some(&Column::Int(vec![0, 7])));
        assert_eq!(table.column("missing"), None);
        assert_eq!(Table::new().rows(), 0);
    }

    #[test]
    #[should_panic(expected = "a count past i64::MAX")]
    fn a_count_past_the_largest_signed_one_is_a_bug_not_a_wrapped_number() {
        let _ = Column::from(vec![u64::MAX]);
    }
}
