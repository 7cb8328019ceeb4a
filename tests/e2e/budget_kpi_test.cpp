// End-to-end: budgets that add up (planned vs spent money per category, the
// reasons for unspent money, the unused-lever warning of validate and run)
// and KPIs that say what they count (censored time-to-X, k of N, ties,
// definitions, money printed as money, compare's comparability warnings).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "e2e/binary.hpp"

using adoptsim::testing::quoted;
using adoptsim::testing::read_file;
using adoptsim::testing::run_adoptsim;
using adoptsim::testing::TempDirectory;
using adoptsim::testing::write_text;
namespace fs = std::filesystem;

namespace {

const std::string kSource = ADOPTSIM_SOURCE_DIR;
const std::string kWorkplace = kSource + "/scenarios/workplace/";

// A short line of `text` that contains `needle`, or "" when none does.
std::string line_with(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(needle) != std::string::npos) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("run and validate warn about a lever with money that no intervention uses", "[e2e][budget]") {
  TempDirectory directory;
  const fs::path scenario = directory.path() / "big_bang_leadership.toml";
  // big_bang has no manager enablement: its leadership money is never spent.
  write_text(scenario, "extends = \"" + kWorkplace + "big_bang.toml\"\nname = \"bb\"\n\n[budget.shares]\n" +
                           "training = 0.30\nchampions = 0.0\ncommunications = 0.10\nleadership = 0.30\n" +
                           "governance = 0.05\nsupport = 0.20\nincentives = 0.05\nknowledge = 0.0\n");
  const auto validated = run_adoptsim("validate " + quoted(scenario));
  INFO(validated.err);
  REQUIRE(validated.exit_status == 0);
  const std::string warning = line_with(validated.err, "leadership");
  CHECK(warning.find("warning:") != std::string::npos);
  CHECK(warning.find(scenario.filename().string() + ":8:") != std::string::npos);  // where the share is set
  CHECK(warning.find("$6,000 for leadership") != std::string::npos);               // 30% of $20,000
  CHECK(warning.find("manager_enablement") != std::string::npos);
  CHECK(line_with(validated.err, "for champions").empty());  // no money, nothing unspent

  const auto ran = run_adoptsim("run " + quoted(scenario) + " -r 3");
  INFO(ran.err);
  REQUIRE(ran.exit_status == 0);
  CHECK(line_with(ran.err, "leadership") == warning);
  // The table says it again, with the reason, beside the planned and spent money.
  CHECK(line_with(ran.out, "  leadership").find("$6,000 → $0") != std::string::npos);
  CHECK(line_with(ran.out, "bb, leadership: $6,000 unspent: no intervention of the plan uses it") != "");

  // The same plan with manager enablement: no warning, and the money is spent.
  const auto manager_first = run_adoptsim("validate " + kWorkplace + "manager_first.toml");
  CHECK(manager_first.exit_status == 0);
  CHECK(line_with(manager_first.err, "for leadership").empty());
}

TEST_CASE("the KPI table shows planned vs spent money per category, the shares and who was appointed",
          "[e2e][budget]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const auto result = run_adoptsim("compare " + kWorkplace + "big_bang.toml " + kWorkplace +
                                   "pilot_then_scale.toml -r 6 -o " + quoted(output));
  INFO(result.out << result.err);
  REQUIRE(result.exit_status == 0);
  // $100,000 at 20%: $80,000 of licences, of which 180 seats for 180 days spend $31,956.
  CHECK(line_with(result.out, "  licences").find("$80,000 → $31,956") != std::string::npos);
  CHECK(line_with(result.out, "total     ").find("$100,000 → $45,956") != std::string::npos);
  CHECK(line_with(result.out, "change-management share").find("20% → 30%") != std::string::npos);
  CHECK(line_with(result.out, "big_bang, licences: $48,044 unspent: the licence money pays for 450 seats") !=
        "");
  const std::string champions = line_with(result.out, "champions appointed");
  CHECK(std::regex_search(champions, std::regex("appointed +0 +12$")));
  CHECK(std::regex_search(line_with(result.out, "pilot members"), std::regex("members +0 +12$")));
  // Money is money everywhere in the text, never 3 significant digits.
  CHECK(result.out.find("e+0") == std::string::npos);
  CHECK(line_with(result.out, "total_spend_usd").find("$45,956 [$45,956–$45,956]") != std::string::npos);
  // pilot_then_scale spends less on licences (the scale-up's seats start on day 42).
  CHECK(std::regex_search(result.out, std::regex("total_spend_usd +-\\$3,959 ")));
  // Each row says what it counts.
  CHECK(line_with(result.out, "reached_target").find("weekly active ≥ 60% by day 90") != std::string::npos);

  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  const auto& budget = summary["scenarios"][0]["budget"];
  CHECK(budget["planned_change_management_share"] == 0.2);
  CHECK(budget["categories"]["licences"]["planned_usd"] == 80000.0);
  CHECK(budget["categories"]["leadership"]["spent_usd"]["mean"] == 0.0);
  CHECK(budget["categories"]["leadership"]["unspent_reasons"][0] ==
        "no intervention of the plan uses it (manager_enablement would)");
  CHECK(budget["champions"]["q50"] == 0.0);
  CHECK(summary["scenarios"][1]["budget"]["pilot_members"]["q50"] == 12.0);
  // Categories add up to the total.
  double spent = 0.0;
  for (const auto& [name, category] : budget["categories"].items())
    spent += category["spent_usd"]["mean"].get<double>();
  CHECK(spent == Approx(budget["spent_total_usd"]["mean"].get<double>()));
  CHECK(spent + budget["unspent_usd"]["mean"].get<double>() == Approx(100000.0));
  CHECK(summary["scenarios"][0]["kpis"]["change_management_spend_share"]["mean"].get<double>() ==
        Approx(14000.0 / 45956.16).epsilon(1e-4));

  const std::string budget_csv = read_file(output / "budget.csv");
  CHECK(budget_csv.find("\nbig_bang,leadership,3000,0,0,0,0,3000,no intervention of the plan uses it "
                        "(manager_enablement would)\n") != std::string::npos);
  CHECK(budget_csv.find("\nbig_bang,total,100000,") != std::string::npos);
  // A reason with a comma is quoted (RFC 4180).
  CHECK(budget_csv.find("\nbig_bang,champions,3000,0,0,0,0,3000,\"no intervention of the plan uses it "
                        "(champion_office_hours, assign_champions, monthly_exchange would)\"\n") !=
        std::string::npos);
  CHECK(read_file(output / "kpi_summary.csv").find("change_management_spend_share") != std::string::npos);
}

TEST_CASE("a time-to-X KPI says how many replicates reached it and censors the rest at the horizon",
          "[e2e][kpi]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  // phased_by_department's weekly active share does not reach 50% in most replicates
  // (its last waves start late in its 270-day horizon).
  const auto result = run_adoptsim("compare " + kWorkplace + "phased_by_department.toml " + kWorkplace +
                                   "champion_network.toml -r 20 --seed 3 -o " + quoted(output));
  INFO(result.out << result.err);
  REQUIRE(result.exit_status == 0);
  const std::string days = line_with(result.out, "days_to_50pct");
  std::smatch reached;
  REQUIRE(std::regex_search(days, reached, std::regex("\\], (\\d+)/20 ")));
  const int k = std::stoi(reached[1]);
  CHECK(k < 20);
  CHECK(days.find(">270]") != std::string::npos);                  // the 95% point never reached
  if (k < 10) CHECK(days.find("> 270 d [") != std::string::npos);  // so neither did the median
  CHECK(std::regex_search(days, std::regex("\\], 20/20 ")));       // every champion network replicate did
  // The paired difference rests only on the pairs where both reached 50%.
  CHECK(std::regex_search(
      line_with(result.out.substr(result.out.find("vs phased_by_department")), "days_to_50pct"),
      std::regex(" " + std::to_string(k) + "/20 ")));

  const auto summary = nlohmann::json::parse(read_file(output / "summary.json"));
  const auto& kpi = summary["scenarios"][0]["kpis"]["days_to_50pct"];
  CHECK(kpi["n"] == k);
  CHECK(kpi["censored"] == 20 - k);
  CHECK(kpi["mean"].is_null());
  CHECK(kpi["q95"] == "inf");
  const std::string kpis = read_file(output / "kpis.csv");
  CHECK(kpis.find(",inf,") != std::string::npos);
  const std::string comparison = read_file(output / "comparison.csv");
  CHECK(std::regex_search(comparison,
                          std::regex("\nphased_by_department,champion_network,days_to_50pct,[^\n]*," +
                                     std::to_string(k) + "\n")));
}

TEST_CASE("P(beats) does not count ties as half-wins and shows the tie share", "[e2e][kpi]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  // A scenario against a copy of itself: every pair ties.
  const fs::path copy = directory.path() / "same.toml";
  write_text(copy, "extends = \"" + kWorkplace + "big_bang.toml\"\nname = \"same\"\n");
  const auto result =
      run_adoptsim("compare " + kWorkplace + "big_bang.toml " + quoted(copy) + " -r 5 -o " + quoted(output));
  INFO(result.out << result.err);
  REQUIRE(result.exit_status == 0);
  const std::string row =
      line_with(result.out.substr(result.out.find("same vs big_bang")), "active_share_day90");
  CHECK(std::regex_search(row, std::regex(" 0% +100%$")));  // P(beats) 0%, ties 100%
  const std::string comparison = read_file(output / "comparison.csv");
  CHECK(comparison.find("big_bang,same,active_share_day90,0,0,0,0,0,0,1,5\n") != std::string::npos);
}

TEST_CASE("compare warns when scenarios have different horizons or organisations", "[e2e][kpi]") {
  TempDirectory directory;
  const fs::path longer = directory.path() / "longer.toml";
  write_text(longer,
             "extends = \"" + kWorkplace + "big_bang.toml\"\nname = \"longer\"\nhorizon_days = 200\n");
  const fs::path other = directory.path() / "other.toml";
  write_text(other, "extends = \"" + kWorkplace +
                        "big_bang.toml\"\nname = \"other\"\n\n[organisation]\nseed = 99\n");
  const auto result = run_adoptsim("compare " + kWorkplace + "big_bang.toml " + quoted(longer) + " " +
                                   quoted(other) + " -r 2");
  INFO(result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(line_with(result.err, "longer.toml: horizon_days = 200 but the baseline").find("warning:") !=
        std::string::npos);
  const std::string organisation =
      line_with(result.err, "other.toml: its organisation is not the baseline's");
  CHECK(organisation.find("warning:") != std::string::npos);
  CHECK(organisation.find("compare organisations as well as plans") != std::string::npos);
  CHECK(line_with(result.err, "longer.toml: its organisation").empty());
  // run compares nothing: no such warning.
  const auto run = run_adoptsim("run " + kWorkplace + "big_bang.toml " + quoted(longer) + " -r 2");
  CHECK(run.exit_status == 0);
  CHECK(run.err.find("horizon_days = 200 but") == std::string::npos);
}

TEST_CASE("KPI days are configurable and may count from a phase's start", "[e2e][kpi]") {
  TempDirectory directory;
  const fs::path output = directory.path() / "out";
  const fs::path after = directory.path() / "after_scale.toml";
  write_text(after, "extends = \"" + kWorkplace + "pilot_then_scale.toml\"\nname = \"after\"\n\n[kpi]\n" +
                        "days = [30, 60, 90]\nfrom_phase = \"scale\"\n");
  const auto result = run_adoptsim("run " + quoted(after) + " -r 4 -o " + quoted(output));
  INFO(result.out << result.err);
  REQUIRE(result.exit_status == 0);
  CHECK(line_with(result.out, "active_share_day90_after_scale").find("90 days after 'scale' starts") !=
        std::string::npos);
  CHECK(read_file(output / "kpis.csv").rfind("scenario,replicate,active_share_day30_after_scale,", 0) == 0);

  const fs::path days = directory.path() / "days.toml";
  write_text(days, "extends = \"" + kWorkplace +
                       "big_bang.toml\"\nname = \"days\"\n\n[kpi]\ndays = [14, 45, 120]\n");
  const auto custom = run_adoptsim("run " + quoted(days) + " -r 2");
  INFO(custom.err);
  REQUIRE(custom.exit_status == 0);
  CHECK(line_with(custom.out, "active_share_day120").find("weekly active / everyone, day 120") !=
        std::string::npos);
  // Scenarios run or compared together must measure the same days (one kpis.csv header, KPI-by-KPI pairs).
  const auto mixed = run_adoptsim("compare " + kWorkplace + "big_bang.toml " + quoted(days) + " -r 2");
  CHECK(mixed.exit_status == 2);
  CHECK(mixed.err.find("days.toml: kpi.days = [14, 45, 120] but") != std::string::npos);
  // ... and hold their hard review on the same day, which summary.json records.
  const fs::path review = directory.path() / "review.toml";
  write_text(review, "extends = \"" + kWorkplace +
                         "big_bang.toml\"\nname = \"review\"\n\n[kpi]\nhard_review_day = 120\n");
  const auto unequal = run_adoptsim("compare " + kWorkplace + "big_bang.toml " + quoted(review) + " -r 2");
  CHECK(unequal.exit_status == 2);
  CHECK(unequal.err.find("review.toml: kpi.days = [30, 60, 90], kpi.hard_review_day = 120 but") !=
        std::string::npos);
  const fs::path review_output = directory.path() / "review_out";
  const auto reviewed = run_adoptsim("run " + quoted(review) + " -r 2 -o " + quoted(review_output));
  REQUIRE(reviewed.exit_status == 0);
  CHECK(line_with(reviewed.out, "hard_review").find("at day 120, < +2 pp since day 90") != std::string::npos);
  CHECK(read_file(review_output / "summary.json").find("\"hard_review_day\": 120") != std::string::npos);

  // A phase the plan does not have, and days that are not three ascending ones, are errors.
  const fs::path unknown = directory.path() / "unknown.toml";
  write_text(unknown, "extends = \"" + kWorkplace + "big_bang.toml\"\nname = \"unknown\"\n\n[kpi]\n" +
                          "from_phase = \"scale\"\n");
  const auto missing = run_adoptsim("run " + quoted(unknown) + " -r 2");
  CHECK(missing.exit_status == 2);
  CHECK(missing.err.find("unknown.toml:5:") != std::string::npos);
  CHECK(missing.err.find("kpi.from_phase = \"scale\" is not a phase of the plan; its phases are") !=
        std::string::npos);
  CHECK(missing.err.find("\"launch\"") != std::string::npos);
  const auto validated = run_adoptsim("validate " + quoted(unknown));
  CHECK(validated.exit_status == 2);
  CHECK(validated.err.find("kpi.from_phase = \"scale\" is not a phase of the plan") != std::string::npos);
  const fs::path two = directory.path() / "two.toml";
  write_text(two,
             "extends = \"" + kWorkplace + "big_bang.toml\"\nname = \"two\"\n\n[kpi]\ndays = [60, 30]\n");
  const auto bad = run_adoptsim("validate " + quoted(two));
  CHECK(bad.exit_status == 2);
  CHECK(bad.err.find("kpi.days") != std::string::npos);
  CHECK(bad.err.find("not three") != std::string::npos);
  const fs::path late = directory.path() / "late.toml";
  write_text(late, "extends = \"" + kWorkplace +
                       "big_bang.toml\"\nname = \"late\"\n\n[kpi]\ndays = [30, 60, 200]\n");
  const auto beyond = run_adoptsim("validate " + quoted(late));
  CHECK(beyond.exit_status == 2);
  CHECK(beyond.err.find("after the horizon") != std::string::npos);
}
