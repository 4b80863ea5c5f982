package io.owm.devstack;

/**
 * The devstack jar's entry point. In the JVM the user started it only starts the devstack's own, bounded JVM
 * ({@link BoundedJvm}) and waits, without loading the devstack or its logging, so that the waiting JVM stays small;
 * in that child it runs the devstack.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (!BoundedJvm.isChild()) {
            try {
                System.exit(BoundedJvm.runInChild(System.getenv(), args));
            } catch (IllegalArgumentException badSetting) {
                System.err.println(badSetting.getMessage());
                System.exit(2);
            }
            return;
        }
        BoundedJvm.stopWithParent();
        DevStack.main(args);
    }
}
