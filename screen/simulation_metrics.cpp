#include "screen/simulation_metrics.hpp"

#include <cmath>

#include "common/error.hpp"

namespace prismaflow::screen {

std::size_t records_to_recall(const std::vector<std::size_t>& found, double recall) {
  const std::size_t r = found.back();
  // ceil(recall·R) in integer steps of 1/1e6 so that 0.95·20 is 19, not 20.
  const auto scaled = static_cast<std::size_t>(std::llround(recall * 1e6));
  const std::size_t need = (scaled * r + 999999) / 1000000;
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i] >= need) return i;
  return found.size() - 1;
}

ScreeningMetrics compute_metrics(const std::vector<bool>& relevant_in_order) {
  ScreeningMetrics m;
  m.n_records = relevant_in_order.size();
  m.found.assign(m.n_records + 1, 0);
  double position_sum = 0;
  for (std::size_t i = 0; i < m.n_records; ++i) {
    m.found[i + 1] = m.found[i] + (relevant_in_order[i] ? 1 : 0);
    if (relevant_in_order[i]) position_sum += static_cast<double>(i + 1);
  }
  m.n_included = m.found.back();
  if (m.n_included == 0)
    throw InputError("the screening order holds no relevant record, so recall is undefined; "
                     "a data set needs more inclusions than the prior records take");
  const auto n = static_cast<double>(m.n_records);
  m.screened_for_95 = records_to_recall(m.found, 0.95);
  m.screened_for_100 = records_to_recall(m.found, 1.0);
  m.wss95 = 100.0 * ((n - static_cast<double>(m.screened_for_95)) / n - 0.05);
  m.wss100 = 100.0 * (n - static_cast<double>(m.screened_for_100)) / n;
  const auto tenth = static_cast<std::size_t>(std::ceil(n / 10.0 - 1e-9));
  m.rrf10 = 100.0 * static_cast<double>(m.found[tenth]) / static_cast<double>(m.n_included);
  m.atd = 100.0 * position_sum / static_cast<double>(m.n_included) / n;
  return m;
}

}  // namespace prismaflow::screen
