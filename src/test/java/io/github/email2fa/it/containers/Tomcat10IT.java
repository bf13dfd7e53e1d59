package io.github.email2fa.it.containers;

/** {@link TomcatIT} on Tomcat 10.1: the WAR in {@code webapps/ROOT.war}, the DataSource in {@code conf/context.xml}. */
class Tomcat10IT extends TomcatIT {

    Tomcat10IT() {
        super(Tomcat.V10_1, (tomcat, dataSource) -> tomcat.withContextResource(dataSource).deploy(ExampleWar.unchanged("ROOT")));
    }
}
