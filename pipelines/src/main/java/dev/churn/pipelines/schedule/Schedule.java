package dev.churn.pipelines.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * A running Quartz scheduler with one cron-triggered {@link LaunchJob}. Misfire policy: a fire time
 * missed by more than a second (a launch still running, or the machine asleep) is made up by one
 * launch as soon as possible, however many were missed; then the schedule goes on. Closing it waits
 * for a running launch to finish.
 */
public final class Schedule implements AutoCloseable {
  private final Scheduler scheduler;
  private final CronTrigger trigger;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private Schedule(Scheduler scheduler, CronTrigger trigger) {
    this.scheduler = scheduler;
    this.trigger = trigger;
  }

  /** @param maxLaunches stop firing after this many launches */
  public static Schedule start(Launch launch, String cron, TimeZone zone, int maxLaunches) throws SchedulerException {
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "churn-schedule-" + launch.job());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty("org.quartz.threadPool.threadCount", "1");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
    JobDataMap data = new JobDataMap();
    data.put(LaunchJob.LAUNCH, launch);
    data.put(LaunchJob.MAX_LAUNCHES, maxLaunches);
    JobDetail job = JobBuilder.newJob(LaunchJob.class).withIdentity(launch.job()).usingJobData(data).build();
    CronTrigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(launch.job())
            .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone).withMisfireHandlingInstructionFireAndProceed())
            .build();
    scheduler.scheduleJob(job, trigger);
    scheduler.start();
    Schedule schedule = new Schedule(scheduler, trigger);
    Runtime.getRuntime().addShutdownHook(new Thread(schedule::close, "churn-schedule-stop"));
    return schedule;
  }

  /** The next fire times from now. */
  public List<Instant> nextFireTimes(int count) {
    List<Instant> times = new ArrayList<>();
    Date time = new Date();
    for (int i = 0; i < count && time != null; i++) {
      time = trigger.getFireTimeAfter(time);
      if (time != null) {
        times.add(time.toInstant());
      }
    }
    return times;
  }

  /** Blocks until the last launch has ended, or the scheduler is stopped. */
  public void awaitEnd() throws InterruptedException, SchedulerException {
    while (!scheduler.isShutdown() && scheduler.checkExists(trigger.getKey())) {
      Thread.sleep(200);
    }
  }

  /** Stops firing and waits for a running launch to end; a call while another stops it waits too. */
  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      try {
        scheduler.shutdown(true);
      } catch (SchedulerException e) {
        throw new IllegalStateException("cannot stop the scheduler: " + e.getMessage(), e);
      } finally {
        closed.countDown();
      }
    }
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
