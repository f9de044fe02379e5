package dev.sim2pi.telemetry.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sim2pi.telemetry.Topics;
import dev.sim2pi.telemetry.access.TopicAcl.Role;
import org.junit.jupiter.api.Test;

/** Deployment needs the operator to read back a robot's retained bundle and to own the gate's decisions; robots do neither. */
class OperatorDeployAclTest {

    @Test
    void theOperatorReadsPolicyAndPublishesAndReadsDecisionsRobotsOnlyReadTheirPolicy() {
        assertTrue(TopicAcl.maySubscribe(Role.OPERATOR, null, Topics.policy("r1")));
        assertTrue(TopicAcl.maySubscribe(Role.OPERATOR, null, Topics.filter(null, Topics.DEPLOY)));
        assertTrue(TopicAcl.mayPublish(Role.OPERATOR, null, Topics.deploy("r1")));
        assertFalse(TopicAcl.mayPublish(Role.ROBOT, "r1", Topics.deploy("r1")), "a robot cannot forge the gate's decision");
        assertFalse(TopicAcl.maySubscribe(Role.ROBOT, "r1", Topics.deploy("r1")));
        assertFalse(TopicAcl.mayPublish(Role.ROBOT, "r1", Topics.policy("r1")), "a robot cannot publish bundles");
        assertFalse(TopicAcl.maySubscribe(Role.RECORDER, null, Topics.policy("r1")));
    }
}
