use super::*;

/// A bigram table from its margins: count, f(w1), f(w2), N.
fn bigram(count: i64, first: i64, second: i64, total: i64) -> Table {
    Table::from_margins(2, |mask| match mask {
        0 => total,
        1 => first,
        2 => second,
        _ => count,
    })
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
        "{actual} != {expected}"
    );
}

#[test]
fn trigram_cells_match_nltk_doctest() {
    // TrigramAssocMeasures._contingency(1, (1, 1, 1), (1, 73, 1), 2000)
    //   == (1, 0, 0, 0, 0, 72, 0, 1927)
    let margins = |mask: usize| match mask {
        0 => 2000,
        1 => 1,
        2 => 73,
        4 => 1,
        3 | 5 | 6 | 7 => 1,
        _ => unreachable!(),
    };
    let table = Table::from_margins(3, margins);
    assert_eq!(&table.cells[..8], &[1, 0, 0, 0, 0, 72, 0, 1927]);
}

#[test]
fn quadgram_cells_match_nltk_doctest() {
    // QuadgramAssocMeasures._marginals(1, 0, 2, 46, 552, 825, 2577, 34967, 1, 0, 2, 48,
    //   7250, 9031, 28585, 356653) == (1, (2, 553, 3, 1), (7804, 6, 3132, 1378, 49, 2),
    //   (38970, 17660, 100, 38970), 440540); masks: bit k = word k fixed.
    let margins = |mask: usize| match mask {
        0 => 440_540,
        1 => 38_970,
        2 => 17_660,
        4 => 100,
        8 => 38_970,
        3 => 7_804,
        5 => 6,
        9 => 3_132,
        10 => 1_378,
        12 => 49,
        6 => 2,
        7 => 2,
        11 => 553,
        13 => 3,
        14 => 1,
        15 => 1,
        _ => unreachable!(),
    };
    let table = Table::from_margins(4, margins);
    assert_eq!(
        &table.cells[..16],
        &[1, 0, 2, 46, 552, 825, 2577, 34967, 1, 0, 2, 48, 7250, 9031, 28585, 356_653]
    );
}

#[test]
fn bigram_measures_by_hand() {
    // N = 20 tokens, f(w1) = 4, f(w2) = 5, the bigram 3 times.
    // Cells: ii = 3, oi = 5 - 3 = 2, io = 4 - 3 = 1, oo = 20 - 3 - 2 - 1 = 14.
    // Expected: ii = 4*5/20 = 1, oi = 16*5/20 = 4, io = 4*15/20 = 3, oo = 16*15/20 = 12.
    let t = bigram(3, 4, 5, 20);
    assert_eq!(&t.cells[..4], &[3, 2, 1, 14]);
    close(t.expected(), 1.0);
    close(t.score(Measure::Pmi), 3f64.log2());
    close(
        t.score(Measure::Npmi),
        3f64.log2() / -(3.0f64 / 20.0).log2(),
    );
    close(t.score(Measure::T), 2.0 / 3f64.sqrt());
    close(t.score(Measure::Z), 2.0);
    // X² = 2²/1 + 2²/4 + 2²/3 + 2²/12 = 4 + 1 + 4/3 + 1/3 = 20/3; phi² = X²/N.
    close(t.score(Measure::Chi2), 20.0 / 3.0);
    close(t.score(Measure::Phi2), 1.0 / 3.0);
    // G² = 2 (3 ln 3 + 2 ln(2/4) + 1 ln(1/3) + 14 ln(14/12)).
    let g2 = 2.0
        * (3.0 * 3f64.ln()
            + 2.0 * 0.5f64.ln()
            + (1.0f64 / 3.0).ln()
            + 14.0 * (14.0f64 / 12.0).ln());
    close(t.score(Measure::Llr), g2);
    // Dice = 2*3/(4+5); logDice = 14 + log2(Dice) (Rychlý 2008).
    close(t.score(Measure::Dice), 6.0 / 9.0);
    close(t.score(Measure::LogDice), 14.0 + (6.0f64 / 9.0).log2());
    close(t.score(Measure::Mi3), 27f64.log2());
    // Jaccard = ii / (ii + oi + io) = 3 / 6.
    close(t.score(Measure::Jaccard), 0.5);
    close(t.score(Measure::PoissonStirling), 3.0 * (3f64.log2() - 1.0));
    // ΔP(w2|w1) = 3/4 - 2/16; ΔP(w1|w2) = 3/5 - 1/15.
    close(t.score(Measure::DeltaPForward), 0.75 - 0.125);
    close(t.score(Measure::DeltaPBackward), 0.6 - 1.0 / 15.0);
    // λ = ln 3.5 - ln 2.5 - ln 1.5 + ln 14.5; σ² = 1/3.5 + 1/2.5 + 1/1.5 + 1/14.5.
    let lambda = 3.5f64.ln() - 2.5f64.ln() - 1.5f64.ln() + 14.5f64.ln();
    let sigma = (1.0 / 3.5 + 1.0 / 2.5 + 1.0 / 1.5 + 1.0 / 14.5f64).sqrt();
    close(t.score(Measure::Lambda), lambda);
    close(t.score(Measure::ZLambda), lambda / sigma);
}

#[test]
fn trigram_lambda_alternates_signs_by_cell() {
    // All eight cells 1 except ii i = 7: λ = ln 7.5 - 3 ln 1.5 + 3 ln 1.5 - ln 1.5 = ln 5.
    let cells = [7i64, 1, 1, 1, 1, 1, 1, 1];
    let margin = |mask: usize| -> i64 { (0..8).filter(|c| c & mask == 0).map(|c| cells[c]).sum() };
    let table = Table::from_margins(3, margin);
    assert_eq!(&table.cells[..8], &cells);
    close(table.score(Measure::Lambda), (7.5f64 / 1.5).ln());
}

#[test]
fn negative_cells_give_nan_not_numbers() {
    // "a a": f(a) = 2 = N and the bigram (a, a) once: oo = 2 - 1 - 1 - 1 = -1.
    let t = bigram(1, 2, 2, 2);
    assert_eq!(t.cells[3], -1);
    assert!(t.score(Measure::Llr).is_nan());
}

#[test]
fn measure_names_and_sizes() {
    assert_eq!(Measure::parse("log_dice", 3).unwrap(), Measure::LogDice);
    assert!(Measure::parse("delta_p_forward", 3).is_err());
    let error = Measure::parse("mi", 2).unwrap_err().to_string();
    assert!(
        error.contains("unknown measure 'mi'") && error.contains("delta_p_forward"),
        "{error}"
    );
    assert_eq!(Measure::for_size(2).len(), 16);
    assert_eq!(Measure::for_size(4).len(), 14);
}
