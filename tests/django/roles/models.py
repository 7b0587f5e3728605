from django.db import models


class Grade(models.Model):
    description = models.CharField(max_length=255, unique=True)


class RoleType(models.Model):
    description = models.CharField(max_length=255, unique=True)
