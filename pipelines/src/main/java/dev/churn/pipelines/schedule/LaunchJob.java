package dev.churn.pipelines.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job behind {@code churn schedule}: one {@link Launch} per fire. Quartz never runs two
 * launches of it at once; a fire time that passes while a launch still runs is made up once, after it.
 */
@DisallowConcurrentExecution
public final class LaunchJob implements Job {
  static final String LAUNCH = "launch";
  static final String MAX_LAUNCHES = "maxLaunches";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    Launch launch = (Launch) context.getMergedJobDataMap().get(LAUNCH);
    launch.run(context.getScheduledFireTime().toInstant());
    if (launch.launches() >= context.getMergedJobDataMap().getInt(MAX_LAUNCHES)) {
      try {
        // before this launch returns, so that no further fire can start
        context.getScheduler().unscheduleJob(context.getTrigger().getKey());
      } catch (SchedulerException e) {
        throw new JobExecutionException(e);
      }
    }
  }
}
