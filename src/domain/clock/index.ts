// Calendar dates, working days (England and Wales bank holidays) and pausable deadline clocks.
export { addCalendar, addDays, addMonths, dayOfWeek, daysBetween, daysInMonth, type IsoDate, isIsoDate, maxDate, minDate } from './dates.ts';
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
  workingDaysBetween,
} from './working-days.ts';
