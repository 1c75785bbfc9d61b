import Foundation

/// A calendar day without a time zone: validity periods and legal dates are days, not instants.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or nil when the date does not exist (31/02, month 13, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Day.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `dd/MM/yyyy` (the form Vietnamese documents use) or ISO `yyyy-MM-dd`.
    public init?(parsing text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        if trimmed.contains("/") {
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
            else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { return nil }
            self.init(year: y, month: m, day: d)
        }
    }

    /// `yyyy-MM-dd`, the form PostgreSQL reads.
    public var iso: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `dd/MM/yyyy`, the form shown to Vietnamese officials.
    public var vietnamese: String { "\(Self.pad(day, 2))/\(Self.pad(month, 2))/\(Self.pad(year, 4))" }

    public var description: String { vietnamese }

    /// The day before this one.
    public var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1)! }
        if month > 1 { return Day(year: year, month: month - 1, day: Day.daysIn(month: month - 1, year: year))! }
        return Day(year: year - 1, month: 12, day: 31)!
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return s[first...last]
    }
}

extension Day {
    /// Today's date in Vietnam (UTC+7), whatever the server's time zone.
    public static var todayInVietnam: Day {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = Calendar(identifier: .gregorian).dateComponents(in: zone, from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
