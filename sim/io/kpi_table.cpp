// The terminal's table of KPIs, budgets and comparisons (print_kpi_table).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "adoptsim/io/results.hpp"
#include "adoptsim/strategy/budget_report.hpp"
#include "result_helpers.hpp"

namespace adoptsim::io {
namespace {

using detail::applies_to_reference;
using detail::budget_order;
using detail::headline_words;
using detail::is_reference;
using metrics::kKpiCount;
using metrics::Kpi;

// One KPI value for the terminal: shares as percentages, days, money as
// money; a time-to-X value later than the horizon as "> 180 d".
std::string format_cell(const metrics::KpiDefinition& definition, double value, std::uint32_t horizon_days) {
  if (std::isnan(value)) return "—";
  char buffer[48];
  const std::string_view unit = definition.unit;
  if (definition.indicator || unit == "share") {
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * value);
  } else if (unit == "days") {
    if (std::isinf(value) && value > 0) return "> " + std::to_string(horizon_days) + " d";
    std::snprintf(buffer, sizeof buffer, "%.0f d", value);
  } else if (unit.substr(0, 3) == "usd") {
    return strategy::format_usd(value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  }
  return buffer;
}

// A day range bound without its unit ("33", ">180").
std::string format_day_bound(double value, std::uint32_t horizon_days) {
  if (std::isnan(value)) return "—";
  if (std::isinf(value)) return ">" + std::to_string(horizon_days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", value);
  return buffer;
}

// A KPI's cell: P = mean for an indicator; median [5%–95%] otherwise; for
// a time-to-X KPI also how many replicates reached X ("48/50").
std::string kpi_cell(const metrics::KpiDefinition& definition, const metrics::Distribution& distribution,
                     std::uint32_t horizon_days) {
  if (distribution.n == 0 && distribution.censored == 0) return "—";
  if (definition.indicator) return "P = " + format_cell(definition, distribution.mean, horizon_days);
  if (definition.censored_at_horizon) {
    return format_cell(definition, distribution.quantiles[2], horizon_days) + " [" +
           format_day_bound(distribution.quantiles[0], horizon_days) + "–" +
           format_day_bound(distribution.quantiles[4], horizon_days) + "], " +
           std::to_string(distribution.n) + "/" + std::to_string(distribution.n + distribution.censored);
  }
  return format_cell(definition, distribution.quantiles[2], horizon_days) + " [" +
         format_cell(definition, distribution.quantiles[0], horizon_days) + "–" +
         format_cell(definition, distribution.quantiles[4], horizon_days) + "]";
}

// A paired difference: percentage points, days, signed money.
std::string signed_cell(const metrics::KpiDefinition& definition, double value) {
  if (std::isnan(value)) return "—";
  char buffer[48];
  if (definition.indicator || definition.unit == "share") {
    std::snprintf(buffer, sizeof buffer, "%+.1f pp", 100.0 * value);
  } else if (definition.unit == "days") {
    std::snprintf(buffer, sizeof buffer, "%+.1f d", value);
  } else if (definition.unit.substr(0, 3) == "usd") {
    const std::string money = strategy::format_usd(value);
    return money[0] == '-' || money == "$0" ? money : "+" + money;
  } else {
    std::snprintf(buffer, sizeof buffer, "%+.3g", value);
  }
  return buffer;
}

std::string percent_cell(double share) {
  if (std::isnan(share)) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", 100.0 * share);
  return buffer;
}

// "12" when every replicate appointed the same number, else "11–12" (5%–95%).
std::string count_cell(const metrics::Distribution& distribution) {
  if (distribution.n == 0) return "—";
  char buffer[48];
  if (distribution.quantiles[0] == distribution.quantiles[4]) {
    std::snprintf(buffer, sizeof buffer, "%.0f", distribution.quantiles[2]);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f–%.0f", distribution.quantiles[0], distribution.quantiles[4]);
  }
  return buffer;
}

std::string pad(const std::string& text, std::size_t width, bool right_align) {
  // Width in characters: count UTF-8 lead bytes only, so "—" and "±" align.
  std::size_t length = 0;
  for (unsigned char c : text) length += (c & 0xC0) != 0x80 ? 1 : 0;
  if (length >= width) return text;
  const std::string fill(width - length, ' ');
  return right_align ? fill + text : text + fill;
}

}  // namespace

void print_kpi_table(const std::vector<runner::ScenarioResult>& results,
                     const std::vector<Comparison>& comparisons, std::ostream& out) {
  // Rows: KPIs, with a short definition at the end of the row; columns: each
  // scenario's median [5%–95%]. Then the budget (planned → spent, means over
  // replicates, so categories add up) with the reasons for unspent money,
  // and for comparisons the mean paired difference with its interval, the
  // pairs it rests on, P(beats) and the share of ties.
  if (results.empty()) return;
  std::size_t label_width = std::string_view("change-management share").size();
  for (int kpi = 0; kpi < kKpiCount; ++kpi) {
    label_width =
        std::max(label_width, metrics::kpi_name(static_cast<Kpi>(kpi), results.front().kpi_settings).size());
  }
  constexpr std::size_t kColumn = 28;
  const runner::ScenarioResult& first = results.front();
  out << pad("KPI (median [5%–95%])", label_width + 2, false);
  for (const runner::ScenarioResult& result : results) out << pad(scenario_name(result), kColumn, true);
  out << "   definition\n";
  const bool all_reference =
      std::all_of(results.begin(), results.end(),
                  [](const runner::ScenarioResult& result) { return is_reference(result); });
  for (int kpi = 0; kpi < kKpiCount; ++kpi) {
    const metrics::KpiDefinition& definition = metrics::kpi_definitions()[static_cast<std::size_t>(kpi)];
    if (all_reference && !applies_to_reference(static_cast<Kpi>(kpi))) continue;
    out << pad(metrics::kpi_name(static_cast<Kpi>(kpi), first.kpi_settings), label_width + 2, false);
    for (const runner::ScenarioResult& result : results) {
      out << pad(kpi_cell(definition, result.summary.kpis[static_cast<std::size_t>(kpi)],
                          result.scenario->horizon_days),
                 kColumn, true);
    }
    out << "   " << metrics::kpi_brief(static_cast<Kpi>(kpi), first.kpi_settings, headline_words(first))
        << "\n";
  }

  const bool any_budget =
      std::any_of(results.begin(), results.end(),
                  [](const runner::ScenarioResult& result) { return result.budget.applies; });
  if (any_budget) {
    out << "\n" << pad("Budget (planned → spent)", label_width + 2, false);
    for (const runner::ScenarioResult& result : results) out << pad(scenario_name(result), kColumn, true);
    out << "\n";
    const auto row = [&](const std::string& label,
                         const std::function<std::string(const runner::ScenarioResult&)>& cell) {
      out << pad(label, label_width + 2, false);
      for (const runner::ScenarioResult& result : results) {
        out << pad(result.budget.applies ? cell(result) : std::string("—"), kColumn, true);
      }
      out << "\n";
    };
    row("total", [](const runner::ScenarioResult& r) {
      return strategy::format_usd(r.budget.total_usd) + " → " +
             strategy::format_usd(r.budget.spent_total_usd.mean);
    });
    // Licences first, then the change levers, each only where some scenario has money for it.
    const std::vector<model::BudgetLever> levers = budget_order();
    for (const model::BudgetLever lever : levers) {
      const bool shown = std::any_of(results.begin(), results.end(), [&](const runner::ScenarioResult& r) {
        return r.budget.applies && (r.budget.category(lever).planned_usd >= 0.5 ||
                                    r.budget.category(lever).spent_usd.mean >= 0.5);
      });
      if (!shown) continue;
      row("  " + std::string(model::to_string(lever)), [&](const runner::ScenarioResult& r) {
        const metrics::BudgetCategory& category = r.budget.category(lever);
        return strategy::format_usd(category.planned_usd) + " → " +
               strategy::format_usd(category.spent_usd.mean);
      });
    }
    row("  unspent",
        [](const runner::ScenarioResult& r) { return strategy::format_usd(r.budget.unspent_usd.mean); });
    row("change-management share", [](const runner::ScenarioResult& r) {
      return percent_cell(r.budget.planned_change_management_share) + " → " +
             percent_cell(r.summary.kpis[static_cast<std::size_t>(Kpi::ChangeManagementSpendShare)].mean);
    });
    row("seats granted", [](const runner::ScenarioResult& r) {
      return count_cell(r.budget.seats) + " of " + std::to_string(r.graph->person_count());
    });
    row("champions appointed",
        [](const runner::ScenarioResult& r) { return count_cell(r.budget.champions); });
    row("pilot members", [](const runner::ScenarioResult& r) { return count_cell(r.budget.pilot_members); });
    out << "Spent: mean over replicates; change-management share planned (budget.change_management_share) → "
           "realised (change_management_spend_share).\n";
    bool heading = false;
    for (const runner::ScenarioResult& result : results) {
      if (!result.budget.applies) continue;
      for (const model::BudgetLever lever : levers) {
        const metrics::BudgetCategory& category = result.budget.category(lever);
        if (category.unspent_usd() < 0.5) continue;
        if (!heading) out << "Unspent money:\n";
        heading = true;
        out << "  " << scenario_name(result) << ", " << model::to_string(lever) << ": "
            << strategy::format_usd(category.unspent_usd()) << " unspent";
        if (category.unspent_reasons.empty()) {
          out << "\n";
          continue;
        }
        out << ": ";
        for (std::size_t index = 0; index < category.unspent_reasons.size(); ++index) {
          out << (index > 0 ? "; " : "") << category.unspent_reasons[index];
        }
        out << "\n";
      }
    }
  }

  for (const Comparison& comparison : comparisons) {
    const std::size_t replicates = results[comparison.candidate].kpis.size();
    out << "\n"
        << scenario_name(results[comparison.candidate]) << " vs "
        << scenario_name(results[comparison.baseline]) << " (paired over " << replicates
        << " replicates with common random numbers; ties are not wins)\n";
    out << pad("KPI", label_width + 2, false) << pad("difference", 14, true) << pad("90% interval", 28, true)
        << pad("pairs", 9, true) << pad("P(beats)", 10, true) << pad("ties", 7, true) << "\n";
    for (const metrics::PairedComparison& kpi : comparison.kpis) {
      const metrics::KpiDefinition& definition = metrics::definition(kpi.kpi);
      if (kpi.difference.n == 0 || (all_reference && !applies_to_reference(kpi.kpi))) continue;
      std::string pairs = std::to_string(kpi.difference.n);
      if (kpi.difference.n < replicates) pairs += "/" + std::to_string(replicates);
      out << pad(metrics::kpi_name(kpi.kpi, first.kpi_settings), label_width + 2, false)
          << pad(signed_cell(definition, kpi.difference.mean), 14, true)
          << pad("[" + signed_cell(definition, kpi.interval.low) + ", " +
                     signed_cell(definition, kpi.interval.high) + "]",
                 28, true)
          << pad(pairs, 9, true) << pad(percent_cell(kpi.probability_b_beats_a), 10, true)
          << pad(percent_cell(kpi.tie_share), 7, true) << "\n";
    }
  }
}

}  // namespace adoptsim::io
