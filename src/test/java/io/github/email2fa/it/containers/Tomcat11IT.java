package io.github.email2fa.it.containers;

/**
 * {@link TomcatIT} on Tomcat 11: the WAR outside {@code webapps/}, deployed at {@code /} by the
 * descriptor {@code conf/Catalina/localhost/ROOT.xml}, which also holds the DataSource.
 */
class Tomcat11IT extends TomcatIT {

    Tomcat11IT() {
        super(Tomcat.V11, (tomcat, dataSource) -> tomcat.deployWithDescriptor(ExampleWar.unchanged("email2fa-example"), "ROOT", dataSource));
    }
}
