import ClientBaseCore
import Foundation
import Testing

@Suite("Day")
struct DayTests {
  @Test("every day from 1900 to 2200 round-trips through components and ISO text")
  func roundTrip() throws {
    let start = try Day(year: 1900, month: 1, day: 1)
    let end = try Day(year: 2200, month: 12, day: 31)
    var previous: (year: Int, month: Int, day: Int)?
    var count = 0
    for day in start...end {
      let c = day.components
      #expect(try Day(year: c.year, month: c.month, day: c.day) == day)
      #expect(try Day(iso8601: day.iso8601) == day)
      // Consecutive days advance the calendar by exactly one day.
      if let p = previous {
        let nextDay = p.day + 1 <= Day.length(ofMonth: p.month, year: p.year)
        if nextDay {
          #expect(c.year == p.year && c.month == p.month && c.day == p.day + 1)
        } else {
          #expect(c.day == 1)
        }
      }
      previous = c
      count += 1
    }
    // 301 years with 73 leap years (1900 and 2100 are not leap years; 2000 is).
    #expect(count == 301 * 365 + 73)
  }

  @Test("known anchor days")
  func anchors() throws {
    #expect(try Day(year: 1970, month: 1, day: 1).daysSince1970 == 0)
    #expect(try Day(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)
    #expect(try Day(year: 1969, month: 12, day: 31).daysSince1970 == -1)
    #expect(try Day(year: 1900, month: 1, day: 1).daysSince1970 == -25_567)
    #expect(try Day(iso8601: "2024-02-29").weekday == .thursday)
    #expect(Day.epoch.weekday == .thursday)
    #expect(try Day(iso8601: "2024-12-31").ordinalDay == 366)
    #expect(try Day(iso8601: "2023-12-31").ordinalDay == 365)
    #expect(try Day(iso8601: "2026-11-28").weekday.isWeekend)
  }

  @Test(
    "leap years follow the Gregorian rule",
    arguments: [
      (1900, false), (2000, true), (2023, false), (2024, true), (2100, false), (2400, true),
      (0, true), (-4, true), (-100, false),
    ])
  func leapYears(year: Int, isLeap: Bool) {
    #expect(Day.isLeapYear(year) == isLeap)
    #expect(Day.length(ofMonth: 2, year: year) == (isLeap ? 29 : 28))
  }

  @Test("month arithmetic clamps to the month's end")
  func months() throws {
    let cases: [(String, Int, String)] = [
      ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
      ("2024-03-31", -1, "2024-02-29"), ("2024-02-29", 12, "2025-02-28"),
      ("2024-11-30", 3, "2025-02-28"), ("2024-05-15", -17, "2022-12-15"),
      ("2024-12-01", 1, "2025-01-01"),
    ]
    for (start, months, expected) in cases {
      #expect(try Day(iso8601: start).adding(months: months) == Day(iso8601: expected))
    }
    #expect(try Day(iso8601: "2024-02-29").adding(years: 4) == Day(iso8601: "2028-02-29"))
    #expect(try Day(iso8601: "2024-02-29").adding(years: 1) == Day(iso8601: "2025-02-28"))
    #expect(try Day(iso8601: "2024-05-17").startOfMonth == Day(iso8601: "2024-05-01"))
  }

  @Test("arithmetic saturates instead of trapping")
  func saturation() {
    #expect(Day.max.adding(days: 1) == .max)
    #expect(Day.min.adding(days: -1) == .min)
    #expect(Day.max.adding(days: Int.max) == .max)
    #expect(Day.epoch.adding(months: Int.max) == .max)
    #expect(Day.epoch.adding(months: Int.min) == .min)
    #expect(Day.epoch.adding(years: Int.min) == .min)
    #expect(Day.min.days(to: .max) == Int(Int32.max) - Int(Int32.min))
  }

  @Test("Strideable counts days")
  func stride() throws {
    let a = try Day(iso8601: "2024-02-27")
    let b = try Day(iso8601: "2024-03-02")
    #expect(a.distance(to: b) == 4)
    #expect(
      Array(Swift.stride(from: a, to: b, by: 2)).map(\.iso8601) == [
        "2024-02-27", "2024-02-29",
      ])
  }

  @Test(
    "malformed ISO text is rejected with a reason",
    arguments: [
      "", "2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-01 ", "20240101", "2024-01-0a",
      "2024-01-01T00:00", "+2024-01-01", "-1-01-01", "+1234567890-01-01", "２０２４-01-01",
    ])
  func malformed(text: String) {
    #expect {
      try Day(iso8601: text)
    } throws: { error in
      guard let error = error as? DayError else { return false }
      if case .malformed = error { return !error.description.isEmpty }
      return false
    }
    #expect(Day(text) == nil)
  }

  @Test(
    "dates that do not exist are rejected",
    arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "1900-02-29"])
  func invalidDates(text: String) throws {
    let error = #expect(throws: DayError.self) { try Day(iso8601: text) }
    guard case .invalidDate = try #require(error) else {
      Issue.record("expected invalidDate, got \(String(describing: error))")
      return
    }
  }

  @Test("the year-month-day initializer validates")
  func validation() {
    #expect(throws: DayError.invalidDate(year: 2023, month: 2, day: 29)) {
      try Day(year: 2023, month: 2, day: 29)
    }
    #expect(throws: DayError.outOfRange(year: 9_000_000)) {
      try Day(year: 9_000_000, month: 1, day: 1)
    }
    #expect(throws: DayError.self) { try Day(year: 2024, month: 0, day: 1) }
  }

  @Test("days beyond four-digit years use the expanded form and round-trip")
  func expandedYears() throws {
    for day in [
      Day.min, .max, try Day(year: 10_000, month: 1, day: 1), try Day(year: -1, month: 12, day: 31),
    ] {
      #expect(try Day(iso8601: day.iso8601) == day)
    }
    #expect(try Day(year: 10_000, month: 1, day: 1).iso8601 == "+10000-01-01")
    #expect(try Day(year: 0, month: 1, day: 1).iso8601 == "0000-01-01")
  }

  @Test("Codable uses ISO text")
  func codable() throws {
    let day = try Day(iso8601: "2024-02-29")
    let data = try JSONEncoder().encode([day])
    #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
    #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([Day].self, from: Data(#"["2024-02-30"]"#.utf8))
    }
  }

  @Test("birthdays on 29 February fall on 28 February in other years")
  func monthDay() throws {
    let leapDay = try MonthDay(month: 2, day: 29)
    #expect(leapDay.occurrence(inYear: 2025) == (try Day(iso8601: "2025-02-28")))
    #expect(leapDay.occurrence(inYear: 2028) == (try Day(iso8601: "2028-02-29")))
    #expect(
      leapDay.nextOccurrence(onOrAfter: try Day(iso8601: "2025-03-01"))
        == (try Day(iso8601: "2026-02-28")))
    #expect(
      leapDay.nextOccurrence(onOrAfter: try Day(iso8601: "2027-02-28"))
        == (try Day(iso8601: "2027-02-28")))
    #expect(
      leapDay.nextOccurrence(onOrAfter: try Day(iso8601: "2027-03-01"))
        == (try Day(iso8601: "2028-02-29")))
    #expect(try Day(iso8601: "2024-02-29").monthDay == leapDay)
    #expect(leapDay.description == "--02-29")
    #expect(throws: DayError.self) { try MonthDay(month: 2, day: 30) }
    #expect(throws: DayError.self) { try MonthDay(month: 4, day: 31) }
    #expect(throws: DayError.self) { try MonthDay(month: 13, day: 1) }
  }
}
