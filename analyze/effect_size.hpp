// Per-study effect sizes and sampling variances, as metafor's escalc()
// computes them (measure RR, OR, RD, PETO, MD, SMD, GEN), plus validation of
// the raw rows with "file:line" messages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/meta_analysis.hpp"

namespace prismaflow::analyze {

/// yi and vi of one row; nullopt when the row is dropped (RR/OR/PETO
/// double-zero or all-event tables, metafor's drop00).
struct EffectValue {
  std::optional<double> yi, vi;
};

/// Checks that every row has the data shape `measure` needs and sane values.
/// Throws InputError("where:line: study 'X': ...; what to do").
void validate_rows(const std::vector<MetaStudyInput>& rows, Measure measure,
                   const std::string& where);

/// escalc values for every row (in order). `peto` selects Peto's one-step
/// log odds ratio instead of the ordinary OR (for method PETO).
/// Rows must have passed validate_rows().
std::vector<EffectValue> compute_effects(const std::vector<MetaStudyInput>& rows,
                                         Measure measure, bool peto);

/// Hedges' exact small-sample correction J(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)).
double hedges_correction(double m);

}  // namespace prismaflow::analyze
