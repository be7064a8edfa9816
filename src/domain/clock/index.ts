// Calendar dates, working days (England and Wales bank holidays) and pausable deadline clocks.
export {
  addCalendar,
  addDays,
  addMonths,
  DATE_YEARS,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  type IsoDate,
  isDateInRange,
  isIsoDate,
  maxDate,
  minDate,
} from './dates.ts';
export { CLOCK_STATUSES, type ClockInput, type ClockReading, type ClockStatus, type DayCount, type Hold, holdProblems, readClock } from './pausable-clock.ts';
export {
  addWorkingDays,
  bankHolidays,
  type CalendarRegion,
  DURATION_UNITS,
  type Duration,
  type DurationUnit,
  dueDate,
  isBankHoliday,
  isWeekend,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.ts';
