//! The Python bindings: the only module that names pyo3. Each binding
//! converts its arguments, calls one engine function through [`run::run`],
//! and converts the result to whole columns.

mod arrow;
mod clean;
mod convert;
mod corpus;
mod counts;
mod errors;
mod read;
mod run;
mod table;
mod tokenizer;

use pyo3::prelude::*;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_N", crate::count::MAX_N)?;
    m.add("MAX_THREADS", crate::parallel::max_threads())?;
    m.add("NUMBER_PLACEHOLDER", crate::tokenize::NUMBER_PLACEHOLDER)?;
    m.add(
        "STEMMER_LANGUAGES",
        crate::tokenize::STEMMER_LANGUAGES.to_vec(),
    )?;
    m.add_class::<tokenizer::PyTokenizer>()?;
    m.add_class::<corpus::PyCorpus>()?;
    m.add_class::<counts::PyCounts>()?;
    m.add_class::<convert::PyStringColumn>()?;
    m.add_class::<run::Progress>()?;
    m.add_function(wrap_pyfunction!(run::_panic_for_tests, m)?)?;
    clean::register(m)?;
    read::register(m)?;
    errors::register(m)?;
    Ok(())
}
