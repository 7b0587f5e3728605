from django.db import models


class Vacancy(models.Model):
    # The id comes from the source file, not from a sequence.
    id = models.IntegerField(primary_key=True)
    last_updated = models.DateTimeField()
    live_date = models.DateTimeField()
    closing_date = models.DateTimeField()
    is_deleted = models.BooleanField(default=False)
    min_salary = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    max_salary = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    title = models.TextField(null=True)
    description = models.TextField(null=True)
    summary = models.TextField(null=True)
    department = models.ForeignKey(
        "organisations.Department", null=True, on_delete=models.SET_NULL
    )
    grades = models.ManyToManyField("roles.Grade", through="VacancyGrade")
    role_types = models.ManyToManyField("roles.RoleType", through="VacancyRoleType")


class VacancyGrade(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE)
    grade = models.ForeignKey("roles.Grade", on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "grade")]


class VacancyRoleType(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE)
    role_type = models.ForeignKey("roles.RoleType", on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "role_type")]
