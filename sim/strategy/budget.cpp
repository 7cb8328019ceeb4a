#include "adoptsim/strategy/budget.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string_view>

namespace adoptsim::strategy {

namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

double LeverValues::at(model::BudgetLever lever) const {
  switch (lever) {
    case model::BudgetLever::Training:
      return training;
    case model::BudgetLever::Champions:
      return champions;
    case model::BudgetLever::Communications:
      return communications;
    case model::BudgetLever::Leadership:
      return leadership;
    case model::BudgetLever::Governance:
      return governance;
    case model::BudgetLever::Support:
      return support;
    case model::BudgetLever::Incentives:
      return incentives;
    case model::BudgetLever::Knowledge:
      return knowledge;
    case model::BudgetLever::Licences:
      break;
  }
  return 0.0;
}

double LeverValues::sum() const {
  return training + champions + communications + leadership + governance + support + incentives + knowledge;
}

double saturating_intensity(double quantity_per_person, double half_saturation_per_person) {
  if (!(quantity_per_person > 0.0)) return 0.0;
  if (!(half_saturation_per_person > 0.0)) return 1.0;
  return 1.0 - std::exp(-std::log(2.0) * quantity_per_person / half_saturation_per_person);
}

double change_management_usd(const Budget& budget) {
  return budget.total_usd * budget.change_management_share;
}

double licence_usd(const Budget& budget) { return budget.total_usd * (1.0 - budget.change_management_share); }

double lever_usd(const Budget& budget, model::BudgetLever lever) {
  if (lever == model::BudgetLever::Licences) return licence_usd(budget);
  return change_management_usd(budget) * budget.shares.at(lever);
}

double lever_quantity(const Budget& budget, model::BudgetLever lever) {
  const double unit_cost = budget.unit_cost_usd.at(lever);
  if (lever == model::BudgetLever::Licences || !(unit_cost > 0.0)) return 0.0;
  return lever_usd(budget, lever) / unit_cost;
}

double lever_intensity(const Budget& budget, model::BudgetLever lever, double people_reached) {
  return intensity_bought(budget, lever, lever_usd(budget, lever), people_reached);
}

double intensity_bought(const Budget& budget, model::BudgetLever lever, double usd, double people_reached) {
  if (lever == model::BudgetLever::Licences || !(people_reached > 0.0) || !(usd > 0.0)) return 0.0;
  const double unit_cost = budget.unit_cost_usd.at(lever);
  if (!(unit_cost > 0.0)) return 1.0;
  return saturating_intensity(usd / unit_cost / people_reached, budget.half_saturation_per_person.at(lever));
}

double usd_for_intensity(const Budget& budget, model::BudgetLever lever, double intensity,
                         double people_reached) {
  if (lever == model::BudgetLever::Licences || !(people_reached > 0.0) || !(intensity > 0.0)) return 0.0;
  // saturating_intensity solved for the quantity per person.
  const double per_person =
      budget.half_saturation_per_person.at(lever) * -std::log2(1.0 - std::min(intensity, 1.0 - 1e-12));
  return per_person * people_reached * budget.unit_cost_usd.at(lever);
}

double licence_cost_per_seat_day_usd(const Budget& budget) {
  return budget.licence_cost_per_seat_month_usd / kDaysPerMonth;
}

std::uint32_t affordable_seats(const Budget& budget, std::uint32_t horizon_days, std::uint32_t wanted) {
  const double per_seat = licence_cost_per_seat_day_usd(budget) * static_cast<double>(horizon_days);
  if (!(per_seat > 0.0)) return wanted;
  const double money = licence_usd(budget);
  if (!(money > 0.0)) return 0;
  // A small tolerance so that money meant to cover n seats exactly does.
  const double seats = std::floor(money / per_seat * (1.0 + 1e-12));
  if (seats >= static_cast<double>(wanted)) return wanted;
  return static_cast<std::uint32_t>(seats);
}

std::vector<std::string> validate(const Budget& budget) {
  std::vector<std::string> problems;
  const auto non_negative = [&](std::string_view name, double value) {
    if (!std::isfinite(value) || value < 0.0) {
      problems.push_back("budget " + std::string(name) + " must be a finite number >= 0 (is " +
                         number(value) + ")");
    }
  };
  non_negative("total_usd", budget.total_usd);
  if (!(budget.change_management_share >= 0.0 && budget.change_management_share <= 1.0)) {
    problems.push_back("budget change_management_share must be in [0, 1] (is " +
                       number(budget.change_management_share) + ")");
  }
  non_negative("licence_cost_per_seat_month_usd", budget.licence_cost_per_seat_month_usd);
  bool shares_finite = true;
  for (const model::BudgetLever lever : kChangeLevers) {
    const std::string name(model::to_string(lever));
    const double share = budget.shares.at(lever);
    if (!std::isfinite(share) || share < 0.0) {
      shares_finite = false;
      problems.push_back("budget share of " + name + " must be >= 0 (is " + number(share) + ")");
    }
    non_negative("unit cost of " + name, budget.unit_cost_usd.at(lever));
    non_negative("half-saturation quantity per person of " + name,
                 budget.half_saturation_per_person.at(lever));
  }
  const double sum = budget.shares.sum();
  const bool nothing_to_split = sum == 0.0 && budget.change_management_share == 0.0;
  if (shares_finite && !nothing_to_split && std::abs(sum - 1.0) > 1e-6) {
    problems.push_back(
        "budget lever shares must sum to 1 over training, champions, communications, "
        "leadership, governance, support and incentives (they sum to " +
        number(sum) + ")");
  }
  return problems;
}

}  // namespace adoptsim::strategy
