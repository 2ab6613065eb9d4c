package io.iabulk.dashboard.console.contests;

import io.iabulk.platform.Operator;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every contest page's view needs besides the operator: {@code canEdit}, so a viewer is not
 * shown buttons the edge would refuse.
 */
@ControllerAdvice(basePackageClasses = ContestsModel.class)
class ContestsModel {

    @ModelAttribute
    void canEdit(HttpServletRequest request, Model model) {
        model.addAttribute(
                "canEdit",
                Operator.of(request).map(o -> o.role().includes(Role.EDITOR)).orElse(false));
    }
}
