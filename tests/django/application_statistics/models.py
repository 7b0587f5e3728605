from django.db import models


class Lookup(models.Model):
    description = models.CharField(max_length=255, unique=True)

    class Meta:
        abstract = True


class AgeGroup(Lookup):
    pass


class Disability(Lookup):
    pass


class EthnicGroup(Lookup):
    pass


class Ethnicity(Lookup):
    pass


class Gender(Lookup):
    pass


class Religion(Lookup):
    pass


class SexualOrientation(Lookup):
    pass


class VacancyStatistic(models.Model):
    vacancy = models.OneToOneField("vacancies.Vacancy", on_delete=models.CASCADE)
    total_applications = models.PositiveIntegerField(null=True)
    updated_at = models.DateTimeField()


class Statistic(models.Model):
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE)
    percent_applications = models.DecimalField(max_digits=5, decimal_places=2)
    updated_at = models.DateTimeField()

    class Meta:
        abstract = True


class AgeGroupStatistic(Statistic):
    age_group = models.ForeignKey(AgeGroup, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "age_group")]


class DisabilityStatistic(Statistic):
    disability = models.ForeignKey(Disability, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "disability")]


class EthnicGroupStatistic(Statistic):
    ethnic_group = models.ForeignKey(EthnicGroup, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "ethnic_group")]


class EthnicityStatistic(Statistic):
    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "ethnicity")]


class GenderStatistic(Statistic):
    gender = models.ForeignKey(Gender, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "gender")]


class ReligionStatistic(Statistic):
    religion = models.ForeignKey(Religion, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "religion")]


class SexualOrientationStatistic(Statistic):
    sexual_orientation = models.ForeignKey(SexualOrientation, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("vacancy", "sexual_orientation")]
