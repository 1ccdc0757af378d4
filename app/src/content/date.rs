//! Calendar dates as content files write them (`2026-03-10`), and today's, without a date
//! crate: front matter dates and help.toml's `verified`.

/// A calendar date, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn label(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days((secs / 86_400) as i64)
    }

    /// The civil date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Self { year, month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`), to count days between dates.
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `months` later; a day the later month lacks becomes its last day
    /// (31 January + 1 month is 28 or 29 February).
    pub fn add_months(self, months: u32) -> Self {
        let index = u32::from(self.month) - 1 + months;
        let year = self.year + (index / 12) as u16;
        let month = (index % 12) as u8 + 1;
        (1..=self.day)
            .rev()
            .find_map(|day| Self::new(year, month, day))
            .unwrap_or(self)
    }

    /// The same day a year earlier, for "older than a year" (29 February compares as such).
    pub fn a_year_before(self) -> Self {
        Self {
            year: self.year - 1,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(11_016).iso(), "2000-02-29");
        assert_eq!(Date::from_days(20_793).iso(), "2026-12-06");
        assert!(Date::today() >= Date::new(2026, 1, 1).unwrap());
    }

    #[test]
    fn days_and_months_count_like_a_calendar() {
        let d = Date::new(2026, 12, 6).unwrap();
        assert_eq!(d.days(), 20_793);
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.add_months(12).iso(), "2027-12-06");
        assert_eq!(d.add_months(1).iso(), "2027-01-06");
        assert_eq!(
            Date::new(2028, 2, 29).unwrap().add_months(12).iso(),
            "2029-02-28"
        );
        assert_eq!(
            Date::new(2027, 1, 31).unwrap().add_months(1).iso(),
            "2027-02-28"
        );
    }

    #[test]
    fn a_year_before_keeps_the_day() {
        let d = Date::new(2026, 12, 6).unwrap();
        assert_eq!(d.a_year_before().iso(), "2025-12-06");
        assert!(Date::new(2025, 12, 5).unwrap() < d.a_year_before());
    }
}
