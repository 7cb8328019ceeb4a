// The rollout budget: a total split between licences and the change-management
// levers, and what each lever's money buys. Money buys a quantity at a unit
// cost (training seat-hours, champion hours, ...) and the quantity per person
// reached buys an intensity in [0, 1] through a saturating curve, so money has
// diminishing returns:
//
//   intensity = 1 − exp(−ln 2 · quantity_per_person / half_saturation_per_person)
//
// (the half-saturation quantity gives 0.5). At a fixed total, the
// change-management share s goes to the levers and 1 − s to licences, which
// buy seat-days over the horizon: a larger s leaves fewer seats (fact F4).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adoptsim/model/observer.hpp"

namespace adoptsim::strategy {

// One number per change-management lever (model::BudgetLever without Licences).
struct LeverValues {
  double training = 0.0;        // generic webinars, task-specific workshops
  double champions = 0.0;       // champion designation and office hours
  double communications = 0.0;  // announcements
  double leadership = 0.0;      // manager enablement
  double governance = 0.0;      // short, clear usage rules
  double support = 0.0;         // hypercare (daily check-ins) and the feedback loop
  double incentives = 0.0;      // incentive changes
  double knowledge = 0.0;       // knowledge maintenance: sources and pipelines kept current

  // The value of `lever`; 0 for BudgetLever::Licences.
  double at(model::BudgetLever lever) const;
  double sum() const;
};

// The eight change-management levers, in model::BudgetLever order.
inline constexpr model::BudgetLever kChangeLevers[] = {
    model::BudgetLever::Training,   model::BudgetLever::Champions,  model::BudgetLever::Communications,
    model::BudgetLever::Leadership, model::BudgetLever::Governance, model::BudgetLever::Support,
    model::BudgetLever::Incentives, model::BudgetLever::Knowledge};

struct Budget {
  double total_usd = 100000.0;
  // Share of the total spent on change management, in [0, 1]; the rest buys licences.
  double change_management_share = 0.2;
  // Split of the change-management money over the levers; sums to 1.
  LeverValues shares{0.25, 0.15, 0.10, 0.15, 0.05, 0.15, 0.05, 0.10};
  double licence_cost_per_seat_month_usd = 30.0;
  // Cost of one unit of each lever's quantity:
  //   training: per training seat-hour; champions: per champion hour;
  //   communications: per communication; leadership: per manager enablement
  //   seat-hour; governance: per governance document; support: per support
  //   hour; incentives: incentive per person; knowledge: per maintenance hour.
  LeverValues unit_cost_usd{60.0, 80.0, 400.0, 120.0, 1500.0, 90.0, 150.0, 100.0};
  // Quantity per person reached that buys intensity 0.5 (defaults: half an
  // hour of training per trainee; a quarter of a champion hour per person in
  // the organisation; one communication per 100 people; an hour of enablement
  // per manager; one governance document per 200 people; 0.3 support hours per
  // person supported; an incentive for one person in five; two minutes of
  // maintenance per person in the organisation).
  LeverValues half_saturation_per_person{0.5, 0.25, 0.01, 1.0, 0.005, 0.3, 0.2, 0.03};
};

// Days in a licence month (365 / 12).
inline constexpr double kDaysPerMonth = 365.0 / 12.0;

// 1 − exp(−ln 2 · quantity_per_person / half_saturation_per_person), in [0, 1);
// 0 for a non-positive quantity; 1 when half_saturation_per_person <= 0 and the quantity is positive.
double saturating_intensity(double quantity_per_person, double half_saturation_per_person);

double change_management_usd(const Budget& budget);
double licence_usd(const Budget& budget);
// Money for one lever (Licences: the licence money).
double lever_usd(const Budget& budget, model::BudgetLever lever);
// What the lever's money buys, in its unit (0 when the unit cost is 0 or for Licences).
double lever_quantity(const Budget& budget, model::BudgetLever lever);
// The lever's intensity when its quantity is shared by `people_reached` people
// (0 when nobody is reached; 1 for a lever with money and a zero unit cost).
double lever_intensity(const Budget& budget, model::BudgetLever lever, double people_reached);
// The intensity `usd` of the lever's money buys when shared by `people_reached`
// people (0 when nobody is reached or there is no money; 1 for a lever with
// money and a zero unit cost).
double intensity_bought(const Budget& budget, model::BudgetLever lever, double usd, double people_reached);
// The money that buys `intensity` (in [0, 1)) for each of `people_reached`
// people: the inverse of intensity_bought (0 for a lever with a zero unit cost).
double usd_for_intensity(const Budget& budget, model::BudgetLever lever, double intensity,
                         double people_reached);
double licence_cost_per_seat_day_usd(const Budget& budget);
// Seats the licence money pays for over the whole horizon, at most `wanted`
// (every seat is costed from day 0 to the horizon, so seats granted later
// leave money unspent). `wanted` when licences are free.
std::uint32_t affordable_seats(const Budget& budget, std::uint32_t horizon_days, std::uint32_t wanted);

// Every problem with the budget, one readable sentence each (empty when valid):
// negative or non-finite amounts, a share outside [0, 1], lever shares that do
// not sum to 1, negative unit costs or half-saturation quantities.
std::vector<std::string> validate(const Budget& budget);

}  // namespace adoptsim::strategy
