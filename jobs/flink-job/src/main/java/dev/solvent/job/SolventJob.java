package dev.solvent.job;

/** Entry point of the job jar submitted to a Flink cluster. */
public final class SolventJob {

  private SolventJob() {}

  public static void main(String[] args) {
    System.out.print(PipelinePlan.render());
  }
}
